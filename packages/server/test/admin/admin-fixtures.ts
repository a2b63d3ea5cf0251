import type { ApiKeySummary, CreatedApiKey, DeliveryRecord, Execution, ExecutionSummary } from '@hookflow/engine';
import { defineTrigger, type ErrorDetail, type TriggerPlugin } from '@hookflow/sdk';
import { expect } from 'vitest';
import type { WorkflowResource, WorkflowSummaryResource } from '../../src/admin/workflows/workflow-resource';
import type { NodeTypeResource, TriggerTypeResource } from '../../src/admin/plugin-types/plugin-type-service';
import { startTestServer, type TestServer, type TestServerOptions } from '../support/test-server';

/** A type as it arrives over HTTP: dates are ISO strings. */
export type Jsonified<T> = T extends Date
  ? string
  : T extends (infer U)[]
    ? Jsonified<U>[]
    : T extends object
      ? { [K in keyof T]: Jsonified<T[K]> }
      : T;

export type WorkflowJson = Jsonified<WorkflowResource>;
export type WorkflowSummaryJson = Jsonified<WorkflowSummaryResource>;
export type CreatedApiKeyJson = Jsonified<CreatedApiKey>;
export type ApiKeyJson = Jsonified<ApiKeySummary>;
export type DeliveryJson = Jsonified<DeliveryRecord>;
export type { Execution, ExecutionSummary, NodeTypeResource, TriggerTypeResource };
export interface ItemsJson<T> {
  items: T[];
}
export interface ExecutionPageJson extends ItemsJson<ExecutionSummary> {
  nextPageToken: string | null;
}
export interface ErrorJson {
  code: string;
  message: string;
  details?: ErrorDetail[];
}

/** Every plugin Hookflow ships, so describe-fields (SNS) and the generic trigger are both there. */
export const ALL_PLUGINS = ['@hookflow/triggers-generic', '@hookflow/triggers-sns', '@hookflow/engine/nodes'];

export const SECRET_TRIGGER_TYPE = 'test-secret';

/**
 * A trigger whose config holds secrets (`writeOnly`), as an HMAC-signing trigger would: a top-level one,
 * one under a `$ref`, and one in array items.
 */
export const secretTrigger: TriggerPlugin = defineTrigger({
  type: SECRET_TRIGGER_TYPE,
  displayName: 'Test secret trigger',
  description: 'A trigger with write-only config fields, for redaction tests.',
  configSchema: {
    type: 'object',
    additionalProperties: false,
    required: ['signingSecret'],
    $defs: { credential: { type: 'object', properties: { user: { type: 'string' }, token: { writeOnly: true } } } },
    properties: {
      signingSecret: { type: 'string', minLength: 8, writeOnly: true },
      region: { type: 'string' },
      upstream: { $ref: '#/$defs/credential' },
      fallbacks: { type: 'array', items: { $ref: '#/$defs/credential' } },
    },
  },
  accepts: 'json',
  auth: { name: 'none', authenticate: () => Promise.resolve({ ok: true }) },
  parse: () => Promise.resolve({ kind: 'ignore', reason: 'test trigger' }),
});

/** A real server on the test stack with every shipped plugin, plus the secret trigger. */
export async function startAdminServer(options: TestServerOptions = {}): Promise<TestServer> {
  const server = await startTestServer({ plugins: ALL_PLUGINS, ...options });
  server.ctx.registry.addTrigger(secretTrigger, 'test');
  return server;
}

/** The parsed JSON body, as the caller says it is. */
export async function body<T>(response: Response): Promise<T> {
  return (await response.json()) as T;
}

/** Asserts the status and the error envelope's code; returns the envelope's `error`. */
export async function expectError(
  response: Response | Promise<Response>,
  status: number,
  code: string,
): Promise<ErrorJson> {
  const answered = await response;
  const json = await body<{ error: ErrorJson }>(answered);
  expect({ status: answered.status, code: json.error?.code }).toEqual({ status, code });
  expect(typeof json.error.message).toBe('string');
  return json.error;
}

/** Creates an API key and returns it (secret included). */
export async function createApiKey(server: TestServer, name: string): Promise<CreatedApiKeyJson> {
  const response = await server.admin('/api-keys', { method: 'POST', json: { name } });
  expect(response.status).toBe(201);
  return body<CreatedApiKeyJson>(response);
}

/** docs/workflows.md's shape: a generic-webhook workflow of one `transform` node echoing the payload. */
export function workflowDefinition(name: string, apiKeyName: string, extra: Record<string, unknown> = {}) {
  return {
    name,
    trigger: { type: 'generic-webhook', apiKeyName, config: {} },
    nodes: [{ id: 'echo', type: 'transform', params: { value: '{{ $trigger }}' } }],
    edges: [],
    ...extra,
  };
}

export async function createWorkflow(server: TestServer, definition: unknown): Promise<WorkflowJson> {
  const response = await server.admin('/workflows', { method: 'POST', json: definition });
  const json = await body<WorkflowJson>(response);
  expect(response.status, JSON.stringify(json)).toBe(201);
  return json;
}
