import { apiKeyInHeader, defineTrigger, type TriggerPlugin } from '@hookflow/sdk';
import { idempotencyKeyOf } from './idempotency-key';
import { ALWAYS_KEPT_HEADERS, allowedHeaders } from './header-allow-list';
import { withoutSecrets } from './secret-names';

/** The trigger type this package registers (docs/webhooks.md). */
export const GENERIC_WEBHOOK_TRIGGER_TYPE = 'generic-webhook';

/** The key binding lives in `trigger.apiKeyName`; `headers` names request headers to keep in `$trigger`. */
export interface GenericWebhookConfig {
  headers?: string[];
}

/** What a run sees as `$trigger`. */
export interface GenericWebhookPayload {
  /** The JSON body, whatever JSON value it is. */
  body: unknown;
  /** The allowed request headers (lower-case names): see `ALWAYS_KEPT_HEADERS` and config `headers`. */
  headers: Record<string, string | string[]>;
  /** Query parameters, without the same. */
  query: Record<string, string | string[]>;
  /** When the server received the request, ISO 8601. */
  receivedAt: string;
}

/**
 * Any HTTP sender: `POST` JSON with the workflow's API key in `x-api-key`; an optional `Idempotency-Key`
 * header makes retries safe (docs/webhooks.md).
 */
export const genericWebhookTrigger: TriggerPlugin<GenericWebhookConfig> = defineTrigger<GenericWebhookConfig>({
  type: GENERIC_WEBHOOK_TRIGGER_TYPE,
  displayName: 'Generic webhook',
  description:
    'POST JSON to the workflow URL with the API key in the x-api-key header. An optional Idempotency-Key header ' +
    '(1-200 characters of A-Z a-z 0-9 . _ : -) makes retries safe: the same key never runs twice. ' +
    '$trigger is {body, headers, query, receivedAt}; headers holds content-type, user-agent, idempotency-key, ' +
    'x-forwarded-for, forwarded and those config.headers names.',
  configSchema: {
    type: 'object',
    additionalProperties: false,
    properties: {
      headers: {
        type: 'array',
        maxItems: 50,
        uniqueItems: true,
        description:
          `Request headers to keep in $trigger.headers besides ${ALWAYS_KEPT_HEADERS.join(', ')}; ` +
          'every other header is dropped (x-api-key always is)',
        items: { type: 'string', pattern: "^[!#$%&'*+.^_`|~0-9A-Za-z-]{1,100}$" },
      },
    },
  },
  accepts: 'json',
  auth: apiKeyInHeader('x-api-key'),
  parse(request, ctx) {
    const deliveryKey = idempotencyKeyOf(request.headers);
    // `accepts: 'json'`: the pipeline checked and parsed the body once already.
    const body = request.json;
    const payload: GenericWebhookPayload = {
      body,
      headers: allowedHeaders(request.headers, ctx.config.headers),
      query: withoutSecrets(request.query),
      receivedAt: request.receivedAt.toISOString(),
    };
    // `input`: the workflow's inputSchema describes the body the sender POSTs (docs/workflows.md's example).
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
