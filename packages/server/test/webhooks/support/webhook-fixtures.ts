import { createHmac } from 'node:crypto';
import { expect } from 'vitest';
import type { DeliveryRecord, Execution, WorkflowDefinition } from '@hookflow/engine';
import { uniqueName } from '@hookflow/dev-stack/testing';
import { flushWebhookDeliveries } from '../../../src/webhooks';
import type { TestServer } from '../../support/test-server';

export interface TestKey {
  id: string;
  name: string;
  key: string;
}

/** `POST /api-keys`: the plaintext key is in this answer only. */
export async function createKey(server: TestServer, name = uniqueName('key')): Promise<TestKey> {
  const created = await adminJson<TestKey>(server, '/api-keys', { method: 'POST', json: { name } }, 201);
  return { id: created.id, name: created.name, key: created.key };
}

/** `DELETE /api-keys/:id`. */
export async function revokeKey(server: TestServer, id: string): Promise<void> {
  expect((await server.admin(`/api-keys/${id}`, { method: 'DELETE' })).status).toBe(204);
}

/** The docs/workflows.md example, shortened to nodes that need no outside service: it completes on its own. */
export function orderAlert(apiKeyName: string, overrides: Partial<WorkflowDefinition> = {}): WorkflowDefinition {
  return {
    name: uniqueName('order-alert'),
    trigger: { type: 'generic-webhook', apiKeyName, config: {} },
    inputSchema: { type: 'object', required: ['orderId'] },
    nodes: [
      { id: 'big', type: 'condition', params: { expression: '$trigger.body.amount > 100' } },
      { id: 'notify', type: 'transform', params: { value: { order: '{{ $trigger.body.orderId }}' } } },
      { id: 'note', type: 'log', params: { message: 'small order {{ $trigger.body.orderId }}' } },
    ],
    edges: [
      { from: 'big', to: 'notify', when: 'true' },
      { from: 'big', to: 'note', when: 'false' },
    ],
    ...overrides,
  };
}

/** `POST /workflows` (then `PATCH {enabled:false}` when asked); returns the workflow id. */
export async function createWorkflow(
  server: TestServer,
  definition: WorkflowDefinition,
  options: { enabled?: boolean } = {},
): Promise<string> {
  const created = await adminJson<{ id: string; webhookUrl: string }>(
    server,
    '/workflows',
    { method: 'POST', json: definition },
    201,
  );
  expect(created.webhookUrl).toBe(`${server.baseUrl}/webhooks/${created.id}`);
  if (options.enabled === false) await setEnabled(server, created.id, false);
  return created.id;
}

/** `PATCH /workflows/:id {enabled}`. */
export async function setEnabled(server: TestServer, workflowId: string, enabled: boolean): Promise<void> {
  await adminJson(server, `/workflows/${workflowId}`, { method: 'PATCH', json: { enabled } }, 200);
}

/** `PUT /workflows/:id`: saves the next version; returns its number. */
export async function updateWorkflow(
  server: TestServer,
  workflowId: string,
  definition: WorkflowDefinition,
): Promise<number> {
  const updated = await adminJson<{ version: number }>(
    server,
    `/workflows/${workflowId}`,
    { method: 'PUT', json: definition },
    200,
  );
  return updated.version;
}

/** `DELETE /workflows/:id`. */
export async function deleteWorkflow(server: TestServer, workflowId: string): Promise<void> {
  expect((await server.admin(`/workflows/${workflowId}`, { method: 'DELETE' })).status).toBe(204);
}

/** An admin API call that must answer `status`; returns the parsed body. */
async function adminJson<T = unknown>(
  server: TestServer,
  path: string,
  init: RequestInit & { json?: unknown },
  status: number,
): Promise<T> {
  const response = await server.admin(path, init);
  const text = await response.text();
  if (response.status !== status) throw new Error(`${init.method ?? 'GET'} ${path}: ${response.status} ${text}`);
  return JSON.parse(text) as T;
}

/**
 * The bodies a webhook answers, as one shape for assertions: a run (`executionId`, `status`), an error, or a
 * plugin's handshake reply. Fields absent from a given answer are simply undefined at run time.
 */
export interface WebhookBody {
  executionId: string;
  status: string;
  challenge: string;
  error: { code: string; message: string; details?: Record<string, unknown>[]; deliveryKey?: string };
}

export interface WebhookResponse {
  status: number;
  headers: Headers;
  /** Parsed JSON body (see `WebhookBody`); `text` has it raw. */
  body: WebhookBody;
  text: string;
}

export async function postWebhook(
  server: TestServer,
  workflowId: string,
  options: { body?: string | Buffer | object; headers?: Record<string, string>; key?: string; path?: string } = {},
): Promise<WebhookResponse> {
  const body = options.body ?? { orderId: 'A-1', amount: 150 };
  const response = await fetch(`${server.baseUrl}/webhooks/${options.path ?? workflowId}`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      ...(options.key !== undefined ? { 'x-api-key': options.key } : {}),
      ...options.headers,
    },
    body: typeof body === 'string' || Buffer.isBuffer(body) ? body : JSON.stringify(body),
  });
  return readResponse(response);
}

export async function readResponse(response: Response): Promise<WebhookResponse> {
  const text = await response.text();
  let body: unknown = {};
  try {
    body = JSON.parse(text);
  } catch {
    // Not JSON: assertions read `text`.
  }
  return { status: response.status, headers: response.headers, body: body as WebhookBody, text };
}

/** A run as `GET /executions/:id` shows it (docs/executions.md). */
export type ExecutionJson = Omit<Execution, 'startedAt' | 'closedAt'> & { startedAt: string; closedAt?: string };

/** Waits for a run to close and returns it as `GET /executions/:executionId` shows it. */
export async function waitForRun(server: TestServer, executionId: string, timeoutMs = 30_000): Promise<ExecutionJson> {
  let execution: ExecutionJson | undefined;
  await expect
    .poll(
      async () => {
        execution = await adminJson<ExecutionJson>(server, `/executions/${encodeURIComponent(executionId)}`, {}, 200);
        return execution.status;
      },
      { timeout: timeoutMs, interval: 200 },
    )
    .not.toBe('running');
  return execution!;
}

/** A delivery as `GET /workflows/:id/deliveries` lists it. */
export type DeliveryJson = Omit<DeliveryRecord, 'receivedAt'> & { receivedAt: string };

/** `GET /workflows/:id/deliveries?limit=1000` (newest first), once every buffered entry is written. */
export async function deliveriesOf(server: TestServer, workflowId: string): Promise<DeliveryJson[]> {
  await flushWebhookDeliveries(server.ctx);
  const { items } = await adminJson<{ items: DeliveryJson[] }>(
    server,
    `/workflows/${workflowId}/deliveries?limit=1000`,
    {},
    200,
  );
  return items;
}

/** `x-signature` of the hmac-echo example plugin. */
export function signBody(secret: string, body: string): string {
  return `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`;
}

/** Every way a secret could show up in text: as is, and URL-encoded. */
export function expectNoSecretIn(texts: readonly string[], secrets: readonly string[]): void {
  const all = texts.join('\n');
  for (const secret of secrets) {
    expect(all).not.toContain(secret);
    expect(all).not.toContain(encodeURIComponent(secret));
  }
}
