import type { SchemaObject } from '../../openapi/operation-doc';
import { EXECUTION_STATUSES } from './execution-list-query';

const dateTime = { type: 'string', format: 'date-time' };
const executionStatus = { type: 'string', enum: [...EXECUTION_STATUSES] };

export const EXECUTION_SCHEMAS: Record<string, SchemaObject> = {
  ExecutionSummary: {
    type: 'object',
    required: ['executionId', 'runId', 'workflowId', 'version', 'status', 'startedAt', 'temporalUiUrl'],
    properties: {
      executionId: { type: 'string', description: '`<workflowId>:<deliveryKey>`, the Temporal workflow id' },
      runId: { type: 'string' },
      workflowId: { type: 'string' },
      version: { type: 'integer' },
      status: executionStatus,
      startedAt: dateTime,
      closedAt: dateTime,
      temporalUiUrl: { type: 'string', format: 'uri' },
      rerunOf: { type: 'string', description: 'The execution this one re-runs' },
    },
  },
  ExecutionList: {
    type: 'object',
    required: ['items', 'nextPageToken'],
    properties: {
      items: { type: 'array', items: { $ref: '#/components/schemas/ExecutionSummary' } },
      nextPageToken: { type: ['string', 'null'], description: 'Pass as `pageToken` for the next page' },
    },
  },
  NodeState: {
    type: 'object',
    required: ['status', 'attempts'],
    properties: {
      status: { type: 'string', enum: ['pending', 'running', 'waiting', 'succeeded', 'failed', 'skipped'] },
      output: {},
      error: {
        type: 'object',
        required: ['code', 'message'],
        properties: { code: { type: 'string' }, message: { type: 'string' } },
      },
      attempts: { type: 'integer', minimum: 0 },
      startedAt: dateTime,
      finishedAt: dateTime,
    },
  },
  Execution: {
    type: 'object',
    required: [
      'executionId',
      'runId',
      'workflowId',
      'version',
      'status',
      'trigger',
      'nodes',
      'startedAt',
      'temporalUiUrl',
    ],
    properties: {
      executionId: { type: 'string' },
      runId: { type: 'string' },
      workflowId: { type: 'string' },
      version: { type: 'integer' },
      status: executionStatus,
      trigger: {
        type: 'object',
        required: ['type', 'deliveryKey', 'payload'],
        properties: { type: { type: 'string' }, deliveryKey: { type: 'string' }, payload: {} },
      },
      nodes: { type: 'object', additionalProperties: { $ref: '#/components/schemas/NodeState' } },
      error: { type: 'object', required: ['message'], properties: { message: { type: 'string' } } },
      startedAt: dateTime,
      closedAt: dateTime,
      temporalUiUrl: { type: 'string', format: 'uri' },
      rerunOf: { type: 'string', description: 'The execution this one re-runs' },
    },
  },
  ExecutionRerun: {
    type: 'object',
    additionalProperties: false,
    properties: {
      version: {
        enum: ['original', 'current'],
        description: 'Which version of the workflow runs: the one the original ran (default), or the current one',
      },
    },
    example: { version: 'current' },
  },
  ExecutionEvent: {
    type: 'object',
    additionalProperties: false,
    required: ['name'],
    properties: {
      name: { type: 'string', minLength: 1, maxLength: 200, description: 'The `event` a `wait` node waits for' },
      payload: { description: "The waking node's output is `{payload}`" },
    },
    example: { name: 'approved', payload: { by: 'alice' } },
  },
  ExecutionAccepted: {
    type: 'object',
    required: ['executionId'],
    properties: { executionId: { type: 'string' } },
  },
};
