import type { SchemaObject } from '../../openapi/operation-doc';

const described = {
  type: { type: 'string' },
  displayName: { type: 'string' },
  description: { type: 'string' },
  source: { type: 'string', description: 'The module the plugin was loaded from (`built-in` for control nodes)' },
};

export const PLUGIN_TYPE_SCHEMAS: Record<string, SchemaObject> = {
  TriggerType: {
    type: 'object',
    required: ['type', 'displayName', 'description', 'configSchema', 'source'],
    properties: {
      ...described,
      configSchema: { type: 'object', description: 'JSON Schema of `trigger.config`; `writeOnly` marks secrets' },
    },
  },
  NodeType: {
    type: 'object',
    required: ['type', 'displayName', 'description', 'kind', 'paramsSchema', 'acceptsCredentials', 'source'],
    properties: {
      ...described,
      kind: { type: 'string', enum: ['action', 'control'] },
      paramsSchema: { type: 'object', description: "JSON Schema of a node's `params`" },
      acceptsCredentials: {
        type: 'array',
        items: { type: 'string' },
        description: "Credential types the node's `credential` may name; empty: it takes none",
      },
    },
  },
  CredentialType: {
    type: 'object',
    required: ['type', 'displayName', 'description', 'schema', 'source'],
    properties: {
      ...described,
      schema: { type: 'object', description: "JSON Schema of a credential's `data`; every field is `writeOnly`" },
    },
  },
  CredentialTypeList: {
    type: 'object',
    required: ['items'],
    properties: { items: { type: 'array', items: { $ref: '#/components/schemas/CredentialType' } } },
  },
  TriggerTypeList: {
    type: 'object',
    required: ['items'],
    properties: { items: { type: 'array', items: { $ref: '#/components/schemas/TriggerType' } } },
  },
  NodeTypeList: {
    type: 'object',
    required: ['items'],
    properties: { items: { type: 'array', items: { $ref: '#/components/schemas/NodeType' } } },
  },
};
