import { HookflowError, TriggerError, UnavailableError, type Logger } from '@hookflow/engine';
import { errorAnswer, type WebhookAnswer } from './webhook-answer';
import { WebhookRefusal } from './webhook-refusal';

/** Seconds a sender should wait before retrying after a 503 (Temporal or MongoDB down). */
export const UNAVAILABLE_RETRY_AFTER_SECONDS = 5;

/**
 * Turns whatever stopped a request into its answer: refusals of the pipeline, a plugin's `TriggerError`,
 * store errors (they carry a status), infrastructure outages (503 + Retry-After). Anything else is a bug,
 * logged in full and answered 500 without details.
 */
export function errorToAnswer(error: unknown, logger: Logger): WebhookAnswer {
  if (error instanceof WebhookRefusal) {
    return errorAnswer(error.status, error.code, error.message, {
      reason: error.reason,
      headers: { ...error.headers },
      ...(error.details ? { details: error.details } : {}),
    });
  }
  if (error instanceof UnavailableError || (error instanceof HookflowError && error.code === 'unavailable')) {
    // A plugin's own 503 (e.g. an SNS certificate that could not be fetched) keeps its message as the reason.
    const reason = error instanceof UnavailableError ? `${error.component} unavailable` : error.message;
    logger.warn({ err: error }, `webhook refused: ${reason}`);
    // The driver's message may name internal hosts: the sender only learns what to do.
    return errorAnswer(503, 'unavailable', 'The service is temporarily unavailable; retry later', {
      reason,
      headers: { 'Retry-After': String(UNAVAILABLE_RETRY_AFTER_SECONDS) },
    });
  }
  if (error instanceof TriggerError || error instanceof HookflowError) {
    const status = ownStatus(error);
    if (status !== undefined) {
      if (status >= 500) logger.warn({ err: error }, 'trigger plugin refused the request with a server error');
      return errorAnswer(status, error.code, error.message, {
        ...(error.details ? { details: error.details } : {}),
        // A 503 always says when to retry (docs/webhooks.md), whoever refused.
        ...(status === 503 ? { headers: { 'Retry-After': String(UNAVAILABLE_RETRY_AFTER_SECONDS) } } : {}),
      });
    }
  }
  logger.error({ err: error }, 'webhook failed unexpectedly');
  return errorAnswer(500, 'internal_error', 'Internal error', { reason: 'internal error (see the server log)' });
}

/** The HTTP status a typed error carries (`TriggerError`, `StoreError`), when it is a sensible one. */
function ownStatus(error: HookflowError): number | undefined {
  const status = (error as HookflowError & { status?: unknown }).status;
  return typeof status === 'number' && Number.isInteger(status) && status >= 400 && status <= 599 ? status : undefined;
}
