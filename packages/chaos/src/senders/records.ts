/** One HTTP attempt of a delivery, as the sender saw it. Times are `clock.now()` milliseconds. */
export interface Attempt {
  server: number;
  sentAt: number;
  /** When the status line arrived, or when the sender gave up on the attempt. */
  answeredAt: number;
  /** Absent when no answer came (`network` or `timeout`). */
  status?: number;
  failure?: 'network' | 'timeout';
  /** The key this attempt sent as `Idempotency-Key`, if any. */
  sentKey?: string;
  errorCode?: string;
  retryAfter?: string;
  /** The delivery key the answer named: header `Idempotency-Key`, and the body's `deliveryKey`. */
  answerKeyHeader?: string;
  answerKeyBody?: string;
  executionId?: string;
  answerStatus?: string;
}

/**
 * How a delivery ended for its sender: a 2xx (`accepted` 202 or `duplicate` 200), a final refusal (4xx),
 * given up at the deadline while still being refused, or `unsafe`: a sender without a key of its own that
 * could not learn one from the answer, and so could not retry without risking a second run.
 */
export type SenderOutcome = 'accepted' | 'duplicate' | 'refused' | 'gave-up' | 'unsafe';

export interface Delivery {
  workflowId: string;
  /** The key the sender chose; undefined for a sender that lets the server generate one. */
  ownKey: string | undefined;
  /** The key of the last attempt (own, or learned from a 503). */
  key: string | undefined;
  attempts: Attempt[];
  outcome?: SenderOutcome;
}

export function isSuccess(status: number | undefined): boolean {
  return status !== undefined && status >= 200 && status < 300;
}
