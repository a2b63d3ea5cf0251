import type { DefinitionCatalog } from '../../src/graph';
import type { JsonSchema } from '@hookflow/sdk';

/** Node types as plugins would declare them. */
export const nodeSchemas: Record<string, JsonSchema> = {
  'http.request': {
    type: 'object',
    additionalProperties: false,
    required: ['method', 'url'],
    properties: {
      method: { enum: ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'] },
      url: { type: 'string', format: 'uri' },
      headers: { type: 'object', additionalProperties: { type: 'string' } },
      query: { type: 'object' },
      body: {},
      timeoutMs: { type: 'integer', minimum: 1 },
    },
  },
  log: {
    type: 'object',
    additionalProperties: false,
    required: ['message'],
    properties: { message: { type: 'string' }, level: { enum: ['info', 'warn', 'error'] } },
  },
  transform: { type: 'object', required: ['value'], properties: { value: {} } },
};

export const triggerSchemas: Record<string, JsonSchema> = {
  'generic-webhook': { type: 'object', additionalProperties: false, properties: {} },
  'amazon-sns': {
    type: 'object',
    additionalProperties: false,
    properties: { topicArns: { type: 'array', items: { type: 'string' } }, allowRawDelivery: { type: 'boolean' } },
  },
};

/** Node types that take credentials, and which types they accept. */
const acceptedCredentials: Record<string, string[]> = { 'http.request': ['bearer', 'basic', 'header', 'query'] };

export function catalog(
  apiKeys: readonly string[] = ['shop'],
  credentials: Record<string, string> = { 'shop-api': 'bearer' },
): DefinitionCatalog {
  return {
    nodeType: (type) =>
      nodeSchemas[type]
        ? {
            paramsSchema: nodeSchemas[type],
            ...(acceptedCredentials[type] ? { acceptsCredentials: acceptedCredentials[type] } : {}),
          }
        : undefined,
    triggerType: (type) => (triggerSchemas[type] ? { configSchema: triggerSchemas[type] } : undefined),
    apiKeyExists: (name) => apiKeys.includes(name),
    credentialType: (name) => (Object.hasOwn(credentials, name) ? credentials[name] : undefined),
  };
}

/** The example of docs/workflows.md, as a fresh object each time so tests can break it freely. */
export function orderAlert(): Record<string, unknown> & {
  nodes: Record<string, unknown>[];
  edges: Record<string, unknown>[];
} {
  return {
    name: 'order-alert',
    trigger: { type: 'generic-webhook', apiKeyName: 'shop', config: {} },
    inputSchema: { type: 'object', required: ['orderId'] },
    nodes: [
      { id: 'big', type: 'condition', params: { expression: '$trigger.body.amount > 100' } },
      {
        id: 'notify',
        type: 'http.request',
        retry: { maximumAttempts: 5 },
        params: {
          method: 'POST',
          url: 'http://shop.internal/alerts',
          body: { order: '{{ $trigger.body.orderId }}' },
        },
      },
      { id: 'note', type: 'log', params: { message: 'small order {{ $trigger.body.orderId }}' } },
    ],
    edges: [
      { from: 'big', to: 'notify', when: 'true' },
      { from: 'big', to: 'note', when: 'false' },
    ],
  };
}

/** A minimal valid document with the given nodes and edges. */
export function documentWith(nodes: unknown[], edges: unknown[] = []): Record<string, unknown> {
  return { name: 'wf', trigger: { type: 'generic-webhook', apiKeyName: 'shop', config: {} }, nodes, edges };
}
