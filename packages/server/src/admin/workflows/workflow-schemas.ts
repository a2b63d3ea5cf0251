import { TRIGGER_OUTCOMES } from '@hookflow/sdk/pipeline';
import { workflowDefinitionSchema } from '@hookflow/engine';
import type { SchemaObject } from '../../openapi/operation-doc';
import { pageSchema } from '../paging/list-page';

const dateTime = { type: 'string', format: 'date-time' };

/** The engine's definition schema (the one saves are validated with), without its `$schema` line. */
function definitionSchema(): SchemaObject {
  const { $schema: _dialect, ...schema } = workflowDefinitionSchema;
  return schema;
}

function definitionProperties(): Record<string, SchemaObject> {
  return definitionSchema().properties as Record<string, SchemaObject>;
}

export const WORKFLOW_SCHEMAS: Record<string, SchemaObject> = {
  WorkflowDefinition: {
    ...definitionSchema(),
    description:
      'A workflow definition (docs/workflows.md); user JSON (`params`, `config`, `inputSchema`) round-trips exactly.',
  },
  WorkflowInput: {
    type: 'object',
    required: ['name', 'trigger', 'nodes', 'edges'],
    description:
      'A workflow definition, plus `enabled`. The read-only fields of a workflow resource (`id`, `version`, ' +
      '`webhookUrl`, `createdAt`, `updatedAt`, plugin fields) may be sent back and are ignored; a write-only ' +
      'trigger config field sent back as `"[redacted]"` keeps the stored secret.',
    properties: {
      ...definitionProperties(),
      enabled: { type: 'boolean', description: 'Default true on creation' },
    },
    example: {
      name: 'order-alert',
      trigger: { type: 'generic-webhook', apiKeyName: 'shop', config: {} },
      inputSchema: { type: 'object', required: ['orderId'] },
      nodes: [{ id: 'note', type: 'log', params: { message: 'order {{ $trigger.orderId }}' } }],
      edges: [],
    },
  },
  Workflow: {
    type: 'object',
    required: ['id', 'name', 'version', 'enabled', 'trigger', 'nodes', 'edges', 'webhookUrl', 'createdAt', 'updatedAt'],
    description:
      'A workflow version. Trigger config fields the plugin marks `writeOnly` read `"[redacted]"`. The trigger ' +
      'plugin may add fields (e.g. Amazon SNS `subscriptions`).',
    properties: {
      id: { type: 'string' },
      ...definitionProperties(),
      version: { type: 'integer', minimum: 1 },
      enabled: { type: 'boolean' },
      webhookUrl: { type: 'string', format: 'uri' },
      createdAt: dateTime,
      updatedAt: dateTime,
    },
    additionalProperties: true,
  },
  WorkflowSummary: {
    type: 'object',
    required: [
      'id',
      'name',
      'description',
      'version',
      'enabled',
      'triggerType',
      'webhookUrl',
      'createdAt',
      'updatedAt',
    ],
    properties: {
      id: { type: 'string' },
      name: { type: 'string' },
      description: { type: ['string', 'null'] },
      version: { type: 'integer', minimum: 1 },
      enabled: { type: 'boolean' },
      triggerType: { type: ['string', 'null'] },
      webhookUrl: { type: 'string', format: 'uri' },
      createdAt: dateTime,
      updatedAt: dateTime,
    },
  },
  WorkflowList: pageSchema('WorkflowSummary'),
  WorkflowValidation: {
    type: 'object',
    required: ['valid', 'problems'],
    properties: {
      valid: { type: 'boolean' },
      problems: {
        type: 'array',
        items: {
          type: 'object',
          required: ['path', 'message'],
          properties: {
            path: { type: 'string', description: 'JSON Pointer into the body (`/nodes/2/params/url`)' },
            message: { type: 'string' },
          },
        },
      },
    },
    example: { valid: false, problems: [{ path: '/edges/0/to', message: 'is not a node id: "lgo"' }] },
  },
  WorkflowVersion: {
    type: 'object',
    required: ['version', 'createdAt'],
    properties: { version: { type: 'integer', minimum: 1 }, createdAt: dateTime },
  },
  WorkflowVersionList: pageSchema('WorkflowVersion'),
  WorkflowEnabled: {
    type: 'object',
    additionalProperties: false,
    required: ['enabled'],
    properties: { enabled: { type: 'boolean' } },
  },
  ManualRun: {
    type: 'object',
    additionalProperties: false,
    properties: {
      payload: { description: "The run's `$trigger`; validated against `inputSchema`. Default `{}`." },
    },
    example: { payload: { orderId: 'A-1' } },
  },
  ExecutionStarted: {
    type: 'object',
    required: ['executionId'],
    properties: { executionId: { type: 'string', description: '`<workflowId>:<deliveryKey>`' } },
  },
  Delivery: {
    type: 'object',
    required: ['id', 'receivedAt', 'triggerType', 'outcome', 'status', 'sourceIp', 'bytes'],
    properties: {
      id: { type: 'string' },
      receivedAt: dateTime,
      triggerType: { type: 'string' },
      outcome: { type: 'string', enum: [...TRIGGER_OUTCOMES] },
      status: { type: 'integer', description: 'HTTP status answered' },
      errorCode: { type: 'string' },
      reason: { type: 'string' },
      executionId: { type: 'string' },
      deliveryKey: { type: 'string' },
      sourceIp: { type: 'string', description: '`unknown` on a rebuilt entry' },
      bytes: { type: 'integer', minimum: 0 },
      count: {
        type: 'integer',
        minimum: 2,
        description: 'Folded rejections: how many identical ones from this source within a minute',
      },
      lastReceivedAt: { ...dateTime, description: 'With `count`: when the latest of them arrived' },
      recovered: {
        type: 'boolean',
        description: 'Rebuilt from the run in Temporal: the server that accepted it stopped before writing it',
      },
    },
  },
  DeliveryList: pageSchema('Delivery'),
};
