import { apiKeyInHeader, defineTrigger, type TriggerPlugin } from '@hookflow/sdk';
import { idempotencyKeyOf } from './idempotency-key';
import { withoutSecrets } from './secret-names';

/** The trigger type this package registers (SPEC §3.2). */
export const GENERIC_WEBHOOK_TRIGGER_TYPE = 'generic-webhook';

/** No per-workflow settings: the key binding lives in `trigger.apiKeyName`. */
export type GenericWebhookConfig = Record<string, never>;

/** What a run sees as `$trigger`. */
export interface GenericWebhookPayload {
  /** The JSON body, whatever JSON value it is. */
  body: unknown;
  /** Request headers (lower-case names) without the API key, cookies or anything named like a secret. */
  headers: Record<string, string | string[]>;
  /** Query parameters, without the same. */
  query: Record<string, string | string[]>;
  /** When the server received the request, ISO 8601. */
  receivedAt: string;
}

/**
 * Any HTTP sender: `POST` JSON with the workflow's API key in `x-api-key`; an optional `Idempotency-Key`
 * header makes retries safe (SPEC §3.2).
 */
export const genericWebhookTrigger: TriggerPlugin<GenericWebhookConfig> = defineTrigger<GenericWebhookConfig>({
  type: GENERIC_WEBHOOK_TRIGGER_TYPE,
  displayName: 'Generic webhook',
  description:
    'POST JSON to the workflow URL with the API key in the x-api-key header. An optional Idempotency-Key header ' +
    '(1-200 characters of A-Z a-z 0-9 . _ : -) makes retries safe: the same key never runs twice. ' +
    '$trigger is {body, headers, query, receivedAt}.',
  configSchema: { type: 'object', additionalProperties: false, properties: {} },
  accepts: 'json',
  auth: apiKeyInHeader('x-api-key'),
  parse(request) {
    const deliveryKey = idempotencyKeyOf(request.headers);
    // `accepts: 'json'`: the pipeline checked and parsed the body once already.
    const body = request.json;
    const payload: GenericWebhookPayload = {
      body,
      headers: withoutSecrets(request.headers),
      query: withoutSecrets(request.query),
      receivedAt: request.receivedAt.toISOString(),
    };
    // `input`: the workflow's inputSchema describes the body the sender POSTs (SPEC §4's example).
    return Promise.resolve({
      kind: 'event',
      payload,
      input: body,
      ...(deliveryKey !== undefined ? { deliveryKey } : {}),
    });
  },
  // A manual run's payload stands for the POSTed body, so `$trigger.body...` expressions work in both.
  manualEvent(body, receivedAt) {
    const payload: GenericWebhookPayload = { body, headers: {}, query: {}, receivedAt: receivedAt.toISOString() };
    return { payload, input: body };
  },
});
