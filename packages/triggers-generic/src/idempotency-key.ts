import { SENDER_DELIVERY_KEY, TriggerError } from '@hookflow/sdk';

/**
 * The delivery key a sender chose, from the `Idempotency-Key` header: the same key again is answered as a
 * duplicate and never runs twice. Absent means the server generates one.
 */
export function idempotencyKeyOf(headers: Readonly<Record<string, string | string[] | undefined>>): string | undefined {
  const value = headers['idempotency-key'];
  if (value === undefined) return undefined;
  if (typeof value !== 'string' || !SENDER_DELIVERY_KEY.test(value)) {
    throw new TriggerError(
      400,
      'invalid_idempotency_key',
      'Idempotency-Key must be 1-200 characters of letters, digits, ".", "_", ":" or "-"',
    );
  }
  return value;
}
