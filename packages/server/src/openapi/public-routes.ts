import { SENDER_DELIVERY_KEY } from '@hookflow/sdk';
import { errorResponse, UNAVAILABLE_RESPONSE } from './error-responses';
import { schemaRef, type DocumentedRoute } from './operation-doc';

/**
 * Routes outside `/api/v1` (health probes and webhooks, docs/api.md–3.2), registered by their own routers and
 * described here; the OpenAPI test checks that this stays in step with what those routers register.
 */
export const PUBLIC_ROUTES: DocumentedRoute[] = [
  {
    path: '/healthz',
    operations: {
      get: {
        operationId: 'getHealth',
        summary: 'Liveness: 200 while the process runs',
        tags: ['health'],
        security: 'none',
        responses: { 200: { description: 'The process runs', schema: schemaRef('HealthStatus') } },
      },
    },
  },
  {
    path: '/readyz',
    operations: {
      get: {
        operationId: 'getReadiness',
        summary: 'Readiness: 200 only when MongoDB and Temporal answer',
        tags: ['health'],
        security: 'none',
        responses: {
          200: { description: 'MongoDB and Temporal answer', schema: schemaRef('HealthStatus') },
          503: { ...UNAVAILABLE_RESPONSE, description: '`unavailable`: `details` name the components that are down' },
        },
      },
    },
  },
  {
    path: '/webhooks/:workflowId',
    operations: {
      post: {
        operationId: 'postWebhook',
        summary: "Fire a workflow's webhook",
        description:
          "Routed to the workflow's trigger plugin, which authenticates the request and parses the payload. " +
          '202 only once the run is durably recorded in Temporal. The generic trigger takes the key in ' +
          '`x-api-key` and JSON bodies; Amazon SNS subscribes `<url>?x-api-key=<key>` and sends `text/plain`.',
        tags: ['webhooks'],
        security: 'apiKey',
        pathParameters: { workflowId: 'Workflow id' },
        headers: [
          {
            name: 'Idempotency-Key',
            description: 'Delivery key (1–200 chars of `[A-Za-z0-9._:-]`); a repeat answers 200 `duplicate`',
            schema: { type: 'string', pattern: SENDER_DELIVERY_KEY.source },
          },
        ],
        requestBody: {
          description: 'The event payload (`$trigger` of the run)',
          schema: {},
          required: true,
          contentTypes: ['application/json', 'text/plain'],
        },
        responses: {
          200: { description: 'A duplicate delivery (no second run) or an answered handshake', schema: {} },
          202: { description: 'Accepted: the run is durably started', schema: schemaRef('WebhookAccepted') },
          400: errorResponse('`invalid_payload`: the body cannot be parsed'),
          401: errorResponse('`unauthorized`: missing, wrong or revoked key, or not the key of this workflow'),
          403: errorResponse('`signature_invalid`: a message signature does not verify'),
          404: errorResponse('`workflow_not_found`'),
          408: errorResponse(
            '`request_timeout`: the body did not arrive within `HOOKFLOW_WEBHOOK_REQUEST_TIMEOUT_SECONDS`',
          ),
          409: errorResponse('`workflow_disabled`'),
          413: errorResponse('`payload_too_large`: over `HOOKFLOW_WEBHOOK_MAX_BYTES`'),
          415: errorResponse('`unsupported_media_type`'),
          422: errorResponse("`payload_invalid`: the payload fails the workflow's `inputSchema`"),
          429: errorResponse(
            '`rate_limited`: the key over its rate, or the source address over its failed-auth limit; see `Retry-After`',
          ),
          503: {
            ...UNAVAILABLE_RESPONSE,
            description:
              '`unavailable`: MongoDB or Temporal unreachable, too many bodies in flight, or (Amazon SNS, which ' +
              'retries only on 5xx) a rate limit; retry after `Retry-After` seconds',
          },
        },
      },
    },
  },
];

export const PUBLIC_SCHEMAS = {
  HealthStatus: {
    type: 'object',
    required: ['status'],
    properties: { status: { type: 'string', enum: ['ok', 'ready'] } },
  },
  WebhookAccepted: {
    type: 'object',
    required: ['executionId', 'status'],
    properties: { executionId: { type: 'string' }, status: { type: 'string', enum: ['accepted', 'duplicate'] } },
  },
};
