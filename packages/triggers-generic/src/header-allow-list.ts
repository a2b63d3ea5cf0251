/**
 * Headers a run sees as `$trigger.headers` without being asked for: an allow-list, because run
 * payloads land in the Temporal history and UI, and senders put secrets in headers under any name.
 */
export const ALWAYS_KEPT_HEADERS: readonly string[] = [
  'content-type',
  'user-agent',
  'idempotency-key',
  'x-forwarded-for',
  'forwarded',
];

/** Hookflow's own key: never copied, even when a workflow's config names it. */
const NEVER_KEPT = 'x-api-key';

/** A copy of the allowed headers: the defaults plus `extra` (case-insensitive); repeated values stay lists. */
export function allowedHeaders(
  headers: Readonly<Record<string, string | string[] | undefined>>,
  extra: readonly string[] = [],
): Record<string, string | string[]> {
  const allowed = new Set([...ALWAYS_KEPT_HEADERS, ...extra.map((name) => name.toLowerCase())]);
  allowed.delete(NEVER_KEPT);
  const kept: Record<string, string | string[]> = {};
  for (const [name, value] of Object.entries(headers)) {
    const lower = name.toLowerCase();
    if (value === undefined || !allowed.has(lower)) continue;
    kept[lower] = Array.isArray(value) ? [...value] : value;
  }
  return kept;
}
