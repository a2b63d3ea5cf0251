import { SpanStatusCode, trace } from '@opentelemetry/api';

export interface WebhookSpanFacts {
  triggerType: string | undefined;
  outcome: string;
  status: number;
  executionId?: string;
}

/**
 * Names the active (incoming HTTP) span after the webhook route and records what the pipeline decided. A
 * no-op when tracing is off.
 */
export function annotateWebhookSpan(facts: WebhookSpanFacts): void {
  const span = trace.getActiveSpan();
  if (!span) return;
  span.updateName('POST /webhooks/:workflowId');
  span.setAttributes({
    'http.route': '/webhooks/:workflowId',
    'hookflow.trigger.type': facts.triggerType ?? 'none',
    'hookflow.delivery.outcome': facts.outcome,
    'http.response.status_code': facts.status,
    ...(facts.executionId !== undefined ? { 'hookflow.execution.id': facts.executionId } : {}),
  });
  if (facts.status >= 500) span.setStatus({ code: SpanStatusCode.ERROR });
}
