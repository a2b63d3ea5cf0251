/** A status word with its colour; the word itself carries the meaning (colour is only a help). */
export function StatusBadge({ status }: { status: string }) {
  return <span className={`badge status-${status}`}>{status}</span>;
}
