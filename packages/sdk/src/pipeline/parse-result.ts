import type { ParseResult } from '../plugin/trigger-plugin';
import { MAX_PAYLOAD_DEPTH, nestsDeeperThan } from './payload-depth';
import { invalidPayload } from './json-body';

/**
 * Delivery keys become part of the Temporal workflow id (`<workflowId>:<deliveryKey>`): at most 200
 * characters keeps that id within the 255 that Temporal's SQL stores allow (`limit.maxIDLength`).
 */
const MAX_DELIVERY_KEY_LENGTH = 200;

function isValidDeliveryKey(key: unknown): boolean {
  if (typeof key !== 'string' || key.length === 0 || key.length > MAX_DELIVERY_KEY_LENGTH) return false;
  for (let index = 0; index < key.length; index++) {
    const code = key.charCodeAt(index);
    if (code < 0x20 || code === 0x7f) return false;
  }
  return true;
}

/**
 * Checks what a plugin's `parse` returned before the server acts on it: a third-party plugin may return
 * anything, and a payload or delivery key taken from the request may be hostile.
 */
export function checkParseResult(result: unknown): ParseResult {
  if (typeof result !== 'object' || result === null || !('kind' in result)) {
    throw new Error('trigger plugin parse() returned no result');
  }
  const parsed = result as ParseResult;
  switch (parsed.kind) {
    case 'handshake':
      return parsed;
    case 'ignore':
      return { kind: 'ignore', reason: typeof parsed.reason === 'string' ? parsed.reason : 'ignored by the trigger' };
    case 'event':
      if (parsed.deliveryKey !== undefined && !isValidDeliveryKey(parsed.deliveryKey)) {
        throw invalidPayload(
          `The delivery key must be 1-${MAX_DELIVERY_KEY_LENGTH} characters without control characters`,
        );
      }
      if (nestsDeeperThan(parsed.payload, MAX_PAYLOAD_DEPTH) || nestsDeeperThan(parsed.input, MAX_PAYLOAD_DEPTH)) {
        throw invalidPayload(`The payload nests deeper than ${MAX_PAYLOAD_DEPTH} levels`);
      }
      return parsed;
    default:
      throw new Error(
        `trigger plugin parse() returned an unknown kind "${String((parsed as { kind: unknown }).kind)}"`,
      );
  }
}
