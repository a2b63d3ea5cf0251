import type { JsonSchema } from '@hookflow/sdk';

/**
 * Workflow names: lower-case letters, digits, `.`, `_`, `-`; 1–100 characters, starting with a letter or
 * digit. They appear in URLs, Temporal search attributes and log lines, so nothing needs quoting.
 */
export const WORKFLOW_NAME_PATTERN = '^[a-z0-9][a-z0-9._-]{0,99}$';

/** Node ids (docs/workflows.md): safe in `$nodes.<id>` expressions, JSON Pointers and Temporal summaries. */
export const NODE_ID_PATTERN = '^[A-Za-z][A-Za-z0-9_-]{0,63}$';

export const DEFINITION_LIMITS = {
  maxNodes: 500,
  maxEdges: 2000,
  /** UTF-8 bytes of the document serialized as JSON. */
  maxSerializedBytes: 512 * 1024,
} as const;

const freeFormObject = {
  type: 'object',
  description: 'User JSON: any keys, `$ref` and dotted keys included, kept exactly as sent.',
} as const;

const positiveInteger = { type: 'integer', minimum: 1, maximum: 2_147_483_647 } as const;

/**
 * JSON Schema (draft 2020-12) of the workflow document of docs/workflows.md. Our own objects refuse unknown keys,
 * so a typo (`onErorr`) is reported instead of silently ignored; user JSON (`params`, `trigger.config`,
 * `inputSchema`) is free-form here and checked against the plugin's schema separately.
 */
export const workflowDefinitionSchema: JsonSchema = {
  $schema: 'https://json-schema.org/draft/2020-12/schema',
  title: 'Hookflow workflow definition',
  type: 'object',
  additionalProperties: false,
  required: ['name', 'trigger', 'nodes', 'edges'],
  properties: {
    name: { type: 'string', pattern: WORKFLOW_NAME_PATTERN },
    description: { type: 'string', maxLength: 2000 },
    trigger: {
      type: 'object',
      additionalProperties: false,
      required: ['type', 'apiKeyName', 'config'],
      properties: {
        type: { type: 'string', minLength: 1, maxLength: 100 },
        apiKeyName: { type: 'string', minLength: 1, maxLength: 100 },
        config: freeFormObject,
      },
    },
    inputSchema: freeFormObject,
    nodes: {
      type: 'array',
      maxItems: DEFINITION_LIMITS.maxNodes,
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['id', 'type', 'params'],
        properties: {
          id: { type: 'string', pattern: NODE_ID_PATTERN },
          type: { type: 'string', minLength: 1, maxLength: 200 },
          name: { type: 'string', maxLength: 200 },
          params: freeFormObject,
          retry: {
            type: 'object',
            additionalProperties: false,
            properties: {
              maximumAttempts: { type: 'integer', minimum: 1, maximum: 1000 },
              initialIntervalMs: positiveInteger,
              backoffCoefficient: { type: 'number', minimum: 1, maximum: 100 },
              maximumIntervalMs: positiveInteger,
            },
          },
          timeoutMs: positiveInteger,
          onError: { type: 'string', enum: ['fail', 'continue'] },
          credential: { type: 'string', minLength: 1, maxLength: 100 },
        },
      },
    },
    edges: {
      type: 'array',
      maxItems: DEFINITION_LIMITS.maxEdges,
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['from', 'to'],
        properties: {
          from: { type: 'string', minLength: 1 },
          to: { type: 'string', minLength: 1 },
          when: { type: 'string', enum: ['success', 'error', 'true', 'false'] },
        },
      },
    },
  },
};
