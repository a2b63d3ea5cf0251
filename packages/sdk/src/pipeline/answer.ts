import { HookflowError, type ErrorDetail } from '../errors/hookflow-error';

/** How a webhook request ended, as the delivery log records it (docs/deliveries.md). */
export const TRIGGER_OUTCOMES = ['accepted', 'duplicate', 'handshake', 'ignored', 'rejected'] as const;
export type TriggerOutcome = (typeof TRIGGER_OUTCOMES)[number];

/** An HTTP answer: status, extra headers, and a JSON body or (challenge/echo handshakes) plain text. */
export interface HttpAnswer {
  status: number;
  headers: Record<string, string>;
  body: { json: unknown } | { text: string };
}

/** What a webhook request is answered, and what the delivery log and the server log record of it. */
export interface TriggerAnswer extends HttpAnswer {
  outcome: TriggerOutcome;
  errorCode?: string;
  /** Why, for the delivery log and the server log; more precise than what the sender is told. */
  reason?: string;
  executionId?: string;
  deliveryKey?: string;
}

/** An error turned into its answer; `unexpected` when it was no error raised on purpose (a bug: log it in full). */
export interface ErrorAnswer extends TriggerAnswer {
  outcome: 'rejected';
  errorCode: string;
  reason: string;
  unexpected: boolean;
}

/** Seconds to wait before retrying after a 503 whose error names no delay of its own (a dependency is down). */
export const UNAVAILABLE_RETRY_AFTER_SECONDS = 5;

/**
 * The one place an error becomes an HTTP answer, for the admin API and webhooks alike. An error raised on
 * purpose (a `HookflowError` from any copy of the SDK) is answered with its own `status` and `code`; a 503
 * always says when to retry, and never repeats a driver's message (it may name internal hosts). Anything
 * else is a bug: 500 `internal_error` without details.
 */
export function answerForError(error: unknown): ErrorAnswer {
  if (!(error instanceof HookflowError)) {
    return refusal(500, 'internal_error', 'Internal error', { reason: 'internal error (see the server log)' }, true);
  }
  const status = sensibleStatus(error.status);
  // A refusal of the trigger pipeline (`TriggerError`) says more precisely why, for the delivery log.
  const own: unknown = (error as HookflowError & { reason?: unknown }).reason;
  const reason = typeof own === 'string' ? own : error.message;
  if (status === 503) {
    const retryAfter = error.retryAfterSeconds ?? UNAVAILABLE_RETRY_AFTER_SECONDS;
    return refusal(503, error.code, 'The service is temporarily unavailable; retry later', {
      reason,
      headers: { 'Retry-After': String(retryAfter) },
    });
  }
  return refusal(status, error.code, error.message, {
    reason,
    ...(error.details ? { details: error.details } : {}),
    ...(error.retryAfterSeconds !== undefined ? { headers: { 'Retry-After': String(error.retryAfterSeconds) } } : {}),
  });
}

function sensibleStatus(status: unknown): number {
  return typeof status === 'number' && Number.isInteger(status) && status >= 400 && status <= 599 ? status : 500;
}

function refusal(
  status: number,
  code: string,
  message: string,
  options: { reason: string; details?: ErrorDetail[]; headers?: Record<string, string> },
  unexpected = false,
): ErrorAnswer {
  return {
    status,
    headers: options.headers ?? {},
    body: { json: { error: { code, message, ...(options.details ? { details: options.details } : {}) } } },
    outcome: 'rejected',
    errorCode: code,
    reason: options.reason,
    unexpected,
  };
}

/** 405 `method_not_allowed` with the `Allow` header: for the webhook URL (POST only) and the admin API alike. */
export function methodNotAllowedAnswer(method: string, allowed: readonly string[]): ErrorAnswer {
  return refusal(405, 'method_not_allowed', `${method} is not allowed here; use ${allowed.join(', ')}`, {
    reason: `method ${method} is not allowed`,
    headers: { Allow: allowed.join(', ') },
  });
}

/** 202: the execution is durably started; 200: an earlier delivery with this key started it. */
export function executionAnswer(
  start: { executionId: string; status: 'accepted' | 'duplicate' },
  deliveryKey: string,
): TriggerAnswer {
  return {
    status: start.status === 'accepted' ? 202 : 200,
    headers: {},
    body: { json: { executionId: start.executionId, status: start.status } },
    outcome: start.status,
    executionId: start.executionId,
    deliveryKey,
  };
}

export function ignoredAnswer(reason: string): TriggerAnswer {
  return { status: 200, headers: {}, body: { json: { status: 'ignored' } }, outcome: 'ignored', reason };
}

/**
 * A 503 names the delivery key it was (or would have been) started with, in the `Idempotency-Key` header and
 * as `error.deliveryKey`: a sender that retries with that key cannot cause a second run, whichever attempt
 * reached Temporal. Other answers are returned as they are.
 */
export function withDeliveryKey(answer: TriggerAnswer, deliveryKey: string): TriggerAnswer {
  if (answer.status !== 503) return answer;
  const body =
    'json' in answer.body && isErrorBody(answer.body.json)
      ? { json: { error: { ...answer.body.json.error, deliveryKey } } }
      : answer.body;
  return { ...answer, deliveryKey, headers: { ...answer.headers, 'Idempotency-Key': deliveryKey }, body };
}

function isErrorBody(json: unknown): json is { error: Record<string, unknown> } {
  return (
    typeof json === 'object' &&
    json !== null &&
    'error' in json &&
    typeof json.error === 'object' &&
    json.error !== null
  );
}
