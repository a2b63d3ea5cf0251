import type { Request } from 'express';
import { errorResponse, JSON_BODY_RESPONSES, UNAVAILABLE_RESPONSE } from '../../openapi/error-responses';
import { schemaRef } from '../../openapi/operation-doc';
import type { AdminRoute } from '../admin-route';
import { EXECUTION_PAGE_SIZE, EXECUTION_STATUSES } from './execution-list-query';
import type { ExecutionService } from './execution-service';
import type { RerunService } from './rerun-service';

const tags = ['executions'];
const pathParameters = { executionId: 'Execution id, `<workflowId>:<deliveryKey>` (URL-encode it)' };
const NOT_FOUND = errorResponse('`execution_not_found`');

function executionId(req: Request): string {
  return String(req.params.executionId);
}

export function executionRoutes(executions: ExecutionService, reruns: RerunService): AdminRoute[] {
  return [
    {
      path: '/executions',
      operations: {
        get: {
          operationId: 'listExecutions',
          summary: 'List runs, newest first, from Temporal visibility',
          description:
            'Visibility trails a run by a moment: a run just started may appear shortly after. Pages are a live ' +
            'view: a run that closes between two pages may move from one page to the next.',
          tags,
          security: 'admin',
          query: [
            { name: 'workflowId', description: "Only this workflow's runs", schema: { type: 'string' } },
            { name: 'status', description: 'Only runs in this status', schema: { enum: [...EXECUTION_STATUSES] } },
            {
              name: 'limit',
              description: `Page size (default ${EXECUTION_PAGE_SIZE.fallback})`,
              schema: { type: 'integer', minimum: EXECUTION_PAGE_SIZE.min, maximum: EXECUTION_PAGE_SIZE.max },
            },
            { name: 'pageToken', description: '`nextPageToken` of the previous page', schema: { type: 'string' } },
          ],
          responses: {
            200: { description: 'One page of runs', schema: schemaRef('ExecutionList') },
            400: errorResponse('`invalid_request` (a bad parameter) or `invalid_page_token`'),
            503: UNAVAILABLE_RESPONSE,
          },
          handler: async (req, res) => {
            res.json(await executions.list(req.query));
          },
        },
      },
    },
    {
      path: '/executions/:executionId',
      operations: {
        get: {
          operationId: 'getExecution',
          summary: 'Read a run: status, trigger payload and every node',
          tags,
          security: 'admin',
          pathParameters,
          responses: {
            200: { description: 'The run', schema: schemaRef('Execution') },
            404: NOT_FOUND,
            503: UNAVAILABLE_RESPONSE,
          },
          handler: async (req, res) => {
            res.json(await executions.get(executionId(req)));
          },
        },
      },
    },
    {
      path: '/executions/:executionId/events',
      operations: {
        post: {
          operationId: 'sendExecutionEvent',
          summary: "Send an event to a run's `wait` nodes",
          tags,
          security: 'admin',
          pathParameters,
          requestBody: { schema: schemaRef('ExecutionEvent'), required: true },
          responses: {
            202: { description: 'Delivered to the run', schema: schemaRef('ExecutionAccepted') },
            400: errorResponse('`invalid_request` or `invalid_json`'),
            404: NOT_FOUND,
            409: errorResponse('`execution_closed`: the run has ended'),
            ...JSON_BODY_RESPONSES,
            503: UNAVAILABLE_RESPONSE,
          },
          handler: async (req, res) => {
            await executions.sendEvent(executionId(req), req.body);
            res.status(202).json({ executionId: executionId(req) });
          },
        },
      },
    },
    {
      path: '/executions/:executionId/cancel',
      operations: {
        post: {
          operationId: 'cancelExecution',
          summary: 'Cancel a run',
          description: 'Running nodes are cancelled and the run ends `cancelled`.',
          tags,
          security: 'admin',
          pathParameters,
          responses: {
            202: { description: 'Cancellation requested', schema: schemaRef('ExecutionAccepted') },
            404: NOT_FOUND,
            409: errorResponse('`execution_closed`: the run has ended'),
            503: UNAVAILABLE_RESPONSE,
          },
          handler: async (req, res) => {
            await executions.cancel(executionId(req));
            res.status(202).json({ executionId: executionId(req) });
          },
        },
      },
    },
    {
      path: '/executions/:executionId/rerun',
      operations: {
        post: {
          operationId: 'rerunExecution',
          summary: 'Run again with the same trigger payload',
          description:
            'A new run of the same workflow with the original trigger type and payload, on the version the ' +
            'original ran (`original`, the default) or the current one. Its memo and API name the original ' +
            'as `rerunOf`; its delivery key is `rerun-<uuid>`.',
          tags,
          security: 'admin',
          pathParameters,
          requestBody: { schema: schemaRef('ExecutionRerun'), required: false },
          responses: {
            202: { description: 'The new run is durably started', schema: schemaRef('ExecutionStarted') },
            400: errorResponse('`invalid_request` or `invalid_json`'),
            404: errorResponse('`execution_not_found`, or `workflow_not_found` (deleted since)'),
            409: errorResponse('`workflow_disabled`'),
            ...JSON_BODY_RESPONSES,
            503: UNAVAILABLE_RESPONSE,
          },
          handler: async (req, res) => {
            const started = await reruns.rerun(executionId(req), req.body);
            res
              .status(202)
              .location(`${req.baseUrl}/executions/${encodeURIComponent(started.executionId)}`)
              .json(started);
          },
        },
      },
    },
  ];
}
