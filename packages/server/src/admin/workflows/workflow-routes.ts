import type { Request } from 'express';
import { integerQuery } from '../../http/request-input';
import { errorResponse, JSON_BODY_RESPONSES, UNAVAILABLE_RESPONSE } from '../../openapi/error-responses';
import { schemaRef } from '../../openapi/operation-doc';
import type { AdminRoute } from '../admin-route';
import { pageQueryDocs } from '../paging/list-page';
import type { ManualRunService } from './manual-run-service';
import type { WorkflowService } from './workflow-service';

const tags = ['workflows'];
const pathParameters = { id: 'Workflow id (`wf_…`)' };
const MAX_VERSION = 2_147_483_647;
const PAGE_ERRORS = errorResponse('`invalid_request` (`limit` out of range) or `invalid_page_token`');

const INVALID_WORKFLOW = errorResponse(
  '`invalid_workflow` (`details`: `[{path, message}]`, JSON Pointers into the body), `invalid_request` or `invalid_json`',
);

function workflowId(req: Request): string {
  return String(req.params.id);
}

export function workflowRoutes(workflows: WorkflowService, manualRuns: ManualRunService): AdminRoute[] {
  return [
    {
      path: '/workflows',
      operations: {
        post: {
          operationId: 'createWorkflow',
          summary: 'Create a workflow (version 1)',
          tags,
          security: 'admin',
          requestBody: { schema: schemaRef('WorkflowInput'), required: true },
          responses: {
            201: { description: 'Created', schema: schemaRef('Workflow') },
            400: INVALID_WORKFLOW,
            409: errorResponse('`workflow_name_taken`'),
            ...JSON_BODY_RESPONSES,
            503: UNAVAILABLE_RESPONSE,
          },
          handler: async (req, res) => {
            const created = await workflows.create(req.body);
            res
              .status(201)
              .location(`${req.baseUrl}/workflows/${encodeURIComponent(created.id)}`)
              .json(created);
          },
        },
        get: {
          operationId: 'listWorkflows',
          summary: 'List workflows (current versions, by name)',
          tags,
          security: 'admin',
          query: pageQueryDocs(),
          responses: {
            200: { description: 'Summaries', schema: schemaRef('WorkflowList') },
            400: PAGE_ERRORS,
            503: UNAVAILABLE_RESPONSE,
          },
          handler: async (req, res) => {
            res.json(await workflows.list(req.query));
          },
        },
      },
    },
    // Before `/workflows/:id`, whose 405 would otherwise answer for it.
    {
      path: '/workflows/validate',
      operations: {
        post: {
          operationId: 'validateWorkflow',
          summary: 'Check a workflow definition without saving it',
          description:
            'Runs the checks of `POST /workflows` (or, with `workflowId`, of `PUT /workflows/{workflowId}`) and ' +
            'answers every problem found, each with a JSON Pointer into the body.',
          tags,
          security: 'admin',
          query: [
            {
              name: 'workflowId',
              description: 'Check the body as a new version of this workflow (redacted secrets keep the stored ones)',
              schema: { type: 'string' },
            },
          ],
          requestBody: { schema: schemaRef('WorkflowInput'), required: true },
          responses: {
            200: { description: 'The verdict', schema: schemaRef('WorkflowValidation') },
            400: errorResponse('`invalid_request` (the body is not a JSON object) or `invalid_json`'),
            404: errorResponse('`workflow_not_found`: no workflow `workflowId`'),
            ...JSON_BODY_RESPONSES,
            503: UNAVAILABLE_RESPONSE,
          },
          handler: async (req, res) => {
            res.json(await workflows.validate(req.body, req.query));
          },
        },
      },
    },
    {
      path: '/workflows/:id',
      operations: {
        get: {
          operationId: 'getWorkflow',
          summary: 'Read a workflow, its current version or an older one',
          tags,
          security: 'admin',
          pathParameters,
          query: [
            {
              name: 'version',
              description: 'A saved version (default: the current one)',
              schema: { type: 'integer', minimum: 1 },
            },
          ],
          responses: {
            200: { description: 'The workflow', schema: schemaRef('Workflow') },
            400: errorResponse('`invalid_request`: `version` is not a positive integer'),
            404: errorResponse('`workflow_not_found`: no such workflow or version'),
            503: UNAVAILABLE_RESPONSE,
          },
          handler: async (req, res) => {
            const version = integerQuery(req.query, 'version', { min: 1, max: MAX_VERSION });
            res.json(await workflows.get(workflowId(req), version));
          },
        },
        put: {
          operationId: 'replaceWorkflow',
          summary: 'Save a new version',
          description: 'Runs in flight keep the version they started with.',
          tags,
          security: 'admin',
          pathParameters,
          requestBody: { schema: schemaRef('WorkflowInput'), required: true },
          responses: {
            200: { description: 'The new version', schema: schemaRef('Workflow') },
            400: INVALID_WORKFLOW,
            404: errorResponse('`workflow_not_found`'),
            409: errorResponse('`workflow_name_taken` or `workflow_update_conflict` (retry)'),
            ...JSON_BODY_RESPONSES,
            503: UNAVAILABLE_RESPONSE,
          },
          handler: async (req, res) => {
            res.json(await workflows.replace(workflowId(req), req.body));
          },
        },
        patch: {
          operationId: 'setWorkflowEnabled',
          summary: 'Enable or disable a workflow',
          description: "A disabled workflow's webhook answers 409 `workflow_disabled`.",
          tags,
          security: 'admin',
          pathParameters,
          requestBody: { schema: schemaRef('WorkflowEnabled'), required: true },
          responses: {
            200: { description: 'The workflow', schema: schemaRef('Workflow') },
            400: errorResponse('`invalid_request`: the body is not exactly `{enabled: boolean}`'),
            404: errorResponse('`workflow_not_found`'),
            ...JSON_BODY_RESPONSES,
            503: UNAVAILABLE_RESPONSE,
          },
          handler: async (req, res) => {
            res.json(await workflows.setEnabled(workflowId(req), req.body));
          },
        },
        delete: {
          operationId: 'deleteWorkflow',
          summary: 'Delete a workflow',
          description: 'Its webhook answers 404 afterwards; runs in flight finish.',
          tags,
          security: 'admin',
          pathParameters,
          responses: {
            204: { description: 'Deleted' },
            404: errorResponse('`workflow_not_found`'),
            503: UNAVAILABLE_RESPONSE,
          },
          handler: async (req, res) => {
            await workflows.delete(workflowId(req));
            res.status(204).end();
          },
        },
      },
    },
    {
      path: '/workflows/:id/runs',
      operations: {
        post: {
          operationId: 'runWorkflow',
          summary: 'Run a workflow now (manual run)',
          description:
            "Bypasses the trigger's authentication but validates `payload` against `inputSchema`. The run's " +
            'trigger type is `manual` and its delivery key `manual-<uuid>`.',
          tags,
          security: 'admin',
          pathParameters,
          requestBody: { schema: schemaRef('ManualRun'), required: false },
          responses: {
            202: { description: 'The run is durably started', schema: schemaRef('ExecutionStarted') },
            400: errorResponse('`invalid_request` or `invalid_json`'),
            404: errorResponse('`workflow_not_found`'),
            409: errorResponse('`workflow_disabled`'),
            422: errorResponse('`payload_invalid`: `details` are the schema errors, JSON Pointers into `payload`'),
            ...JSON_BODY_RESPONSES,
            503: UNAVAILABLE_RESPONSE,
          },
          handler: async (req, res) => {
            const started = await manualRuns.start(workflowId(req), req.body);
            res
              .status(202)
              .location(`${req.baseUrl}/executions/${encodeURIComponent(started.executionId)}`)
              .json(started);
          },
        },
      },
    },
    {
      path: '/workflows/:id/versions',
      operations: {
        get: {
          operationId: 'listWorkflowVersions',
          summary: "A workflow's saved versions, newest first",
          tags,
          security: 'admin',
          pathParameters,
          query: pageQueryDocs(),
          responses: {
            200: { description: 'Versions', schema: schemaRef('WorkflowVersionList') },
            400: PAGE_ERRORS,
            404: errorResponse('`workflow_not_found`'),
            503: UNAVAILABLE_RESPONSE,
          },
          handler: async (req, res) => {
            res.json(await workflows.versions(workflowId(req), req.query));
          },
        },
      },
    },
    {
      path: '/workflows/:id/deliveries',
      operations: {
        get: {
          operationId: 'listDeliveries',
          summary: "A workflow's delivery log, newest first",
          description: 'Every webhook request, rejected ones too (docs/deliveries.md).',
          tags,
          security: 'admin',
          pathParameters,
          query: pageQueryDocs(),
          responses: {
            200: { description: 'Deliveries', schema: schemaRef('DeliveryList') },
            400: PAGE_ERRORS,
            404: errorResponse('`workflow_not_found`'),
            503: UNAVAILABLE_RESPONSE,
          },
          handler: async (req, res) => {
            res.json(await workflows.deliveries(workflowId(req), req.query));
          },
        },
      },
    },
  ];
}
