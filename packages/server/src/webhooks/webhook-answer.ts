import type { DeliveryOutcome, ErrorDetail } from '@hookflow/engine';

/** What the pipeline answers a webhook request, and what the delivery log and the server log record of it. */
export interface WebhookAnswer {
  status: number;
  headers: Record<string, string>;
  /** JSON body, or plain text for challenge/echo handshakes. */
  body: { json: unknown } | { text: string };
  outcome: DeliveryOutcome;
  errorCode?: string;
  reason?: string;
  executionId?: string;
  deliveryKey?: string;
}

export function errorAnswer(
  status: number,
  code: string,
  message: string,
  options: { reason?: string; details?: ErrorDetail[]; headers?: Record<string, string> } = {},
): WebhookAnswer {
  return {
    status,
    headers: options.headers ?? {},
    body: { json: { error: { code, message, ...(options.details ? { details: options.details } : {}) } } },
    outcome: 'rejected',
    errorCode: code,
    reason: options.reason ?? message,
  };
}

export function runAnswer(
  run: { executionId: string; status: 'accepted' | 'duplicate' },
  deliveryKey: string,
): WebhookAnswer {
  return {
    // 202: the run is durably started and will execute; 200: it was started by an earlier delivery.
    status: run.status === 'accepted' ? 202 : 200,
    headers: {},
    body: { json: { executionId: run.executionId, status: run.status } },
    outcome: run.status,
    executionId: run.executionId,
    deliveryKey,
  };
}

export function ignoredAnswer(reason: string): WebhookAnswer {
  return { status: 200, headers: {}, body: { json: { status: 'ignored' } }, outcome: 'ignored', reason };
}
