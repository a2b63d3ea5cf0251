import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { TestServer } from '../support/test-server';
import {
  body,
  createApiKey,
  createWorkflow,
  expectError,
  startAdminServer,
  workflowDefinition,
  type Execution,
  type ExecutionPageJson,
} from './admin-fixtures';

const CLOSE_TIMEOUT = { timeout: 30_000, interval: 200 };

/** `POST /executions/:id/rerun`: the same payload again, on the original or the current version. */
describe('admin API: re-runs', () => {
  let server: TestServer;
  let workflowId: string;
  let original: string;
  const definition = (label: string) =>
    workflowDefinition('rerunnable', 'shop', {
      nodes: [{ id: 'echo', type: 'transform', params: { value: `${label} {{ $trigger.body.orderId }}` } }],
    });

  beforeAll(async () => {
    server = await startAdminServer();
    await createApiKey(server, 'shop');
    workflowId = (await createWorkflow(server, definition('v1'))).id;
    const started = await server.admin(`/workflows/${workflowId}/runs`, {
      method: 'POST',
      json: { payload: { orderId: 'A-1' } },
    });
    expect(started.status).toBe(202);
    original = (await body<{ executionId: string }>(started)).executionId;
    await closed(original);
    // Version 2 changes the output, so each re-run shows which version it ran.
    expect((await server.admin(`/workflows/${workflowId}`, { method: 'PUT', json: definition('v2') })).status).toBe(
      200,
    );
  });
  afterAll(() => server.close());

  const path = (executionId: string) => `/executions/${encodeURIComponent(executionId)}`;

  /** The execution once it completed (usable in hooks too, unlike `expect.poll`). */
  function closed(executionId: string): Promise<Execution> {
    return vi.waitFor(async () => {
      const execution = await body<Execution>(await server.admin(path(executionId)));
      if (execution.status !== 'completed') throw new Error(`${executionId} is ${execution.status}`);
      return execution;
    }, CLOSE_TIMEOUT);
  }

  async function rerun(json?: unknown): Promise<string> {
    const response = await server.admin(`${path(original)}/rerun`, {
      method: 'POST',
      ...(json !== undefined ? { json } : {}),
    });
    const answer = await body<{ executionId: string }>(response);
    expect(response.status, JSON.stringify(answer)).toBe(202);
    expect(response.headers.get('location')).toBe(`/api/v1${path(answer.executionId)}`);
    return answer.executionId;
  }

  it('re-runs on the original version by default, with the same trigger payload, linked by rerunOf', async () => {
    const first = await closed(original);
    const executionId = await rerun();
    expect(executionId).toMatch(new RegExp(`^${workflowId}:rerun-[0-9a-f-]{36}$`));
    const again = await closed(executionId);
    expect(again).toMatchObject({
      workflowId,
      version: 1,
      rerunOf: original,
      trigger: { type: 'manual', payload: first.trigger.payload },
      nodes: { echo: { status: 'succeeded', output: 'v1 A-1' } },
    });
    expect(first.rerunOf).toBeUndefined();
    await expect
      .poll(async () => {
        const page = await body<ExecutionPageJson>(await server.admin(`/executions?workflowId=${workflowId}`));
        return page.items.find((item) => item.executionId === executionId)?.rerunOf;
      }, CLOSE_TIMEOUT)
      .toBe(original);
  });

  it('re-runs on the current version when asked', async () => {
    const executionId = await rerun({ version: 'current' });
    expect(await closed(executionId)).toMatchObject({
      version: 2,
      rerunOf: original,
      nodes: { echo: { status: 'succeeded', output: 'v2 A-1' } },
    });
  });

  it('refuses a bad version, an unknown execution and a disabled workflow', async () => {
    await expectError(
      server.admin(`${path(original)}/rerun`, { method: 'POST', json: { version: 'latest' } }),
      400,
      'invalid_request',
    );
    await expectError(
      server.admin(`${path(original)}/rerun`, { method: 'POST', json: { version: 'current', extra: 1 } }),
      400,
      'invalid_request',
    );
    await expectError(
      server.admin(`${path(`${workflowId}:nope`)}/rerun`, { method: 'POST' }),
      404,
      'execution_not_found',
    );
    await server.admin(`/workflows/${workflowId}`, { method: 'PATCH', json: { enabled: false } });
    await expectError(server.admin(`${path(original)}/rerun`, { method: 'POST' }), 409, 'workflow_disabled');
    await server.admin(`/workflows/${workflowId}`, { method: 'PATCH', json: { enabled: true } });
  });
});
