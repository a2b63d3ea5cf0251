import { TriggerError } from '../errors/trigger-error';
import type { TriggerPlugin } from '../plugin/trigger-plugin';

/** A host limiter's verdict. */
export type LimitDecision = { ok: true } | { ok: false; retryAfterSeconds: number };

/**
 * The host's rate limits (the server's token buckets); the pipeline decides when each is consulted and how a
 * refusal is answered, so the server and the test kit agree.
 */
export interface PipelineRateLimits {
  /** Before anything is read: may this source address still try to authenticate (failed-auth limit)? */
  sourceMayAuthenticate(): LimitDecision;
  /** The request was refused as unauthenticated (401) or forged (403): counts against its source address. */
  authFailed(): void;
  /**
   * The request is verified (auth passed and the plugin's `parse`, which may check a message signature,
   * accepted it): take one token of the key's bucket (the workflow's for plugins without a key).
   */
  take(authenticated: { apiKeyId?: string }): LimitDecision;
}

/**
 * A rate-limit refusal: 429 `rate_limited`, or 503 `unavailable` for triggers whose senders count every 4xx
 * as delivered and retry only on 5xx (SNS), so that a limit delays a delivery instead of dropping it.
 */
export function rateLimitRefusal(
  plugin: Pick<TriggerPlugin<unknown>, 'sendersRetryOnlyOn5xx'>,
  retryAfterSeconds: number,
  reason: string,
): TriggerError {
  if (plugin.sendersRetryOnlyOn5xx === true) {
    return new TriggerError(503, 'unavailable', 'Too many requests; retry later', { reason, retryAfterSeconds });
  }
  return new TriggerError(429, 'rate_limited', 'Too many requests; slow down', { reason, retryAfterSeconds });
}

/** 401 and 403 of auth or parse: the sender could not prove who it is (wrong key, forged or foreign message). */
export function isAuthFailure(error: unknown): boolean {
  return error instanceof TriggerError && (error.status === 401 || error.status === 403);
}
