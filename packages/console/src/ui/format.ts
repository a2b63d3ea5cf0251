/** A timestamp as the operator reads it: local date and time, seconds included. */
export function formatTime(iso: string | null | undefined): string {
  if (!iso) return '—';
  return new Date(iso).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'medium' });
}

export function formatJson(value: unknown): string {
  return value === undefined ? '—' : JSON.stringify(value, null, 2);
}

/** How long from `start` to `end` (or now). */
export function formatDuration(start: string, end?: string): string {
  const ms = (end ? Date.parse(end) : Date.now()) - Date.parse(start);
  return ms < 1000 ? `${ms} ms` : `${(ms / 1000).toFixed(1)} s`;
}
