import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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
  type ExecutionSummary,
} from './admin-fixtures';

const CLOSE_TIMEOUT = { timeout: 30_000, interval: 200 };

/** Manual runs and executions, against the real Temporal with an in-process worker. */
describe('admin API: manual runs and executions', () => {
  let server: TestServer;
  let echoId: string;
  let waitingId: string;

  beforeAll(async () => {
    server = await startAdminServer();
    await createApiKey(server, 'shop');
    echoId = (
      await createWorkflow(
        server,
        workflowDefinition('echo', 'shop', {
          inputSchema: { type: 'object', required: ['orderId'], properties: { orderId: { type: 'string' } } },
          nodes: [{ id: 'echo', type: 'transform', params: { value: 'order {{ $trigger.body.orderId }}' } }],
        }),
      )
    ).id;
    waitingId = (
      await createWorkflow(
        server,
        workflowDefinition('waiting', 'shop', {
          nodes: [
            { id: 'approval', type: 'wait', params: { event: 'approved', timeoutSeconds: 120 } },
            { id: 'done', type: 'transform', params: { value: 'v1 {{ $nodes.approval.output.payload.by }}' } },
          ],
          edges: [{ from: 'approval', to: 'done' }],
        }),
      )
    ).id;
  });
  afterAll(() => server.close());

  async function run(workflowId: string, json: unknown = { payload: {} }): Promise<string> {
    const response = await server.admin(`/workflows/${workflowId}/runs`, { method: 'POST', json });
    const answer = await body<{ executionId: string }>(response);
    expect(response.status, JSON.stringify(answer)).toBe(202);
    expect(response.headers.get('location')).toBe(`/api/v1/executions/${encodeURIComponent(answer.executionId)}`);
    return answer.executionId;
  }

  const executionPath = (executionId: string) => `/executions/${encodeURIComponent(executionId)}`;

  async function execution(executionId: string): Promise<Execution> {
    const response = await server.admin(executionPath(executionId));
    expect(response.status).toBe(200);
    return body<Execution>(response);
  }

  async function statusOnceClosed(executionId: string, status: Execution['status']): Promise<Execution> {
    await expect.poll(async () => (await execution(executionId)).status, CLOSE_TIMEOUT).toBe(status);
    return execution(executionId);
  }

  /** Waits until the run's `wait` node waits, so an event or a cancellation finds it there. */
  async function untilWaiting(executionId: string): Promise<void> {
    await expect.poll(async () => (await execution(executionId)).nodes.approval?.status, CLOSE_TIMEOUT).toBe('waiting');
  }

  async function listed(query: string): Promise<ExecutionSummary[]> {
    const response = await server.admin(`/executions?${query}`);
    expect(response.status).toBe(200);
    return (await body<ExecutionPageJson>(response)).items;
  }

  it('runs a workflow manually: 202, then the execution completes with its node outputs', async () => {
    const executionId = await run(echoId, { payload: { orderId: 'A-1' } });
    expect(executionId).toMatch(new RegExp(`^${echoId}:manual-[0-9a-f-]{36}$`));
    const done = await statusOnceClosed(executionId, 'completed');
    expect(done).toMatchObject({
      executionId,
      workflowId: echoId,
      version: 1,
      // A manual run's payload stands for the body a generic-webhook sender would POST.
      trigger: {
        type: 'manual',
        deliveryKey: executionId.split(':')[1],
        payload: { body: { orderId: 'A-1' }, headers: {}, query: {}, receivedAt: expect.any(String) as unknown },
      },
      nodes: { echo: { status: 'succeeded', output: 'order A-1', attempts: 1 } },
    });
    expect(done.runId).toEqual(expect.any(String));
    expect(done.closedAt).toEqual(expect.any(String));
    expect(done.temporalUiUrl).toContain(`/workflows/${encodeURIComponent(executionId)}/${done.runId}/history`);
  });

  it('lists runs from Temporal visibility, filtered by workflow and status', async () => {
    const executionId = await run(echoId, { payload: { orderId: 'B-2' } });
    await statusOnceClosed(executionId, 'completed');
    // Visibility trails the run by a moment.
    await expect
      .poll(async () => (await listed(`workflowId=${echoId}`)).map((item) => item.executionId), CLOSE_TIMEOUT)
      .toContain(executionId);
    const summary = (await listed(`workflowId=${echoId}`)).find((item) => item.executionId === executionId);
    expect(summary).toEqual({
      executionId,
      runId: expect.any(String) as unknown,
      workflowId: echoId,
      version: 1,
      status: expect.stringMatching(/^(running|completed)$/) as unknown,
      startedAt: expect.any(String) as unknown,
      ...(summary?.closedAt ? { closedAt: summary.closedAt } : {}),
      temporalUiUrl: expect.stringContaining(encodeURIComponent(executionId)) as unknown,
    });
    await expect
      .poll(
        async () => (await listed(`workflowId=${echoId}&status=completed`)).map((item) => item.executionId),
        CLOSE_TIMEOUT,
      )
      .toContain(executionId);
    expect((await listed(`workflowId=${echoId}&status=failed`)).map((item) => item.executionId)).not.toContain(
      executionId,
    );
    expect((await listed(`workflowId=wf_nobody`)).length).toBe(0);
  });

  it('pages through runs with limit and pageToken', async () => {
    const paged = await createWorkflow(server, workflowDefinition('paged', 'shop'));
    const started = [await run(paged.id), await run(paged.id), await run(paged.id)];
    // Pages are a live view: a run that closes between two pages moves in the order. Page over settled runs.
    await expect
      .poll(async () => (await listed(`workflowId=${paged.id}&status=completed`)).length, CLOSE_TIMEOUT)
      .toBe(3);

    const seen: string[] = [];
    let token: string | null = null;
    let pages = 0;
    do {
      const query: string = `workflowId=${paged.id}&status=completed&limit=2${token ? `&pageToken=${encodeURIComponent(token)}` : ''}`;
      const page = await body<ExecutionPageJson>(await server.admin(`/executions?${query}`));
      expect(page.items.length).toBeLessThanOrEqual(2);
      seen.push(...page.items.map((item) => item.executionId));
      token = page.nextPageToken;
      pages++;
    } while (token && pages < 5);
    expect(pages).toBeGreaterThanOrEqual(2);
    expect(seen.sort()).toEqual([...started].sort());
  });

  it('refuses malformed listing parameters with 400', async () => {
    for (const query of [
      'status=bogus',
      'limit=0',
      'limit=1001',
      'limit=ten',
      "workflowId=x'%20OR%20WorkflowType%20!%3D%20'",
      'workflowId=a&workflowId=b',
    ]) {
      await expectError(server.admin(`/executions?${query}`), 400, 'invalid_request');
    }
  });

  it('accepts only page tokens it issued, for the same filter', async () => {
    for (const token of ['not*base64', 'Z2FyYmFnZQ', 'Z2FyYmFnZQ.AAAAAAAAAAAAAAAAAAAAAA']) {
      await expectError(server.admin(`/executions?pageToken=${token}`), 400, 'invalid_page_token');
    }
    await run(echoId, { payload: { orderId: 'C-3' } });
    await expect.poll(async () => (await listed(`workflowId=${echoId}`)).length, CLOSE_TIMEOUT).toBeGreaterThan(1);
    const first = await body<ExecutionPageJson>(await server.admin(`/executions?workflowId=${echoId}&limit=1`));
    expect(first.nextPageToken).toEqual(expect.any(String));
    const token = encodeURIComponent(first.nextPageToken!);
    expect((await server.admin(`/executions?workflowId=${echoId}&limit=1&pageToken=${token}`)).status).toBe(200);
    await expectError(
      server.admin(`/executions?workflowId=${waitingId}&pageToken=${token}`),
      400,
      'invalid_page_token',
    );
  });

  it("validates the payload against the workflow's inputSchema: 422 payload_invalid with AJV's errors", async () => {
    const error = await expectError(
      server.admin(`/workflows/${echoId}/runs`, { method: 'POST', json: { payload: { orderId: 7 } } }),
      422,
      'payload_invalid',
    );
    expect(error.details).toEqual([expect.objectContaining({ path: '/orderId', keyword: 'type' })]);
    const missing = await expectError(
      server.admin(`/workflows/${echoId}/runs`, { method: 'POST' }),
      422,
      'payload_invalid',
    );
    expect(missing.details).toEqual([
      expect.objectContaining({ keyword: 'required', params: { missingProperty: 'orderId' } }),
    ]);
  });

  it('refuses runs of unknown or disabled workflows and malformed bodies', async () => {
    await expectError(
      server.admin('/workflows/wf_unknown/runs', { method: 'POST', json: {} }),
      404,
      'workflow_not_found',
    );
    const disabled = await createWorkflow(server, workflowDefinition('disabled', 'shop', { enabled: false }));
    await expectError(
      server.admin(`/workflows/${disabled.id}/runs`, { method: 'POST', json: {} }),
      409,
      'workflow_disabled',
    );
    await expectError(
      server.admin(`/workflows/${echoId}/runs`, { method: 'POST', json: { payload: { orderId: 'x' }, extra: 1 } }),
      400,
      'invalid_request',
    );
  });

  it('refuses manual-run and event payloads nesting deeper than webhooks may (100 levels)', async () => {
    // `depth` levels of objects, the outermost one carrying what echo's inputSchema requires.
    const nested = (depth: number): unknown => {
      let value: unknown = 'leaf';
      for (let level = 1; level < depth; level++) value = { deeper: value };
      return { orderId: 'deep', deeper: value };
    };
    const tooDeep = await server.admin(`/workflows/${echoId}/runs`, { method: 'POST', json: { payload: nested(101) } });
    expect(tooDeep.status).toBe(400);
    expect(await body<{ error: unknown }>(tooDeep)).toMatchObject({
      error: { code: 'invalid_request', details: [{ path: '/payload' }] },
    });
    expect(
      (await server.admin(`/workflows/${echoId}/runs`, { method: 'POST', json: { payload: nested(100) } })).status,
    ).toBe(202);

    const executionId = await run(waitingId);
    await untilWaiting(executionId);
    await expectError(
      server.admin(`${executionPath(executionId)}/events`, {
        method: 'POST',
        json: { name: 'approved', payload: nested(101) },
      }),
      400,
      'invalid_request',
    );
    await server.admin(`${executionPath(executionId)}/cancel`, { method: 'POST' });
  });

  it('wakes a wait node with POST /events, then refuses events once the run closed (409)', async () => {
    const executionId = await run(waitingId);
    await untilWaiting(executionId);
    const sent = await server.admin(`${executionPath(executionId)}/events`, {
      method: 'POST',
      json: { name: 'approved', payload: { by: 'alice' } },
    });
    expect(sent.status).toBe(202);
    const done = await statusOnceClosed(executionId, 'completed');
    expect(done.nodes.approval).toMatchObject({ status: 'succeeded', output: { payload: { by: 'alice' } } });
    expect(done.nodes.done).toMatchObject({ status: 'succeeded', output: 'v1 alice' });

    await expectError(
      server.admin(`${executionPath(executionId)}/events`, { method: 'POST', json: { name: 'approved' } }),
      409,
      'execution_closed',
    );
    await expectError(
      server.admin(`${executionPath(executionId)}/cancel`, { method: 'POST' }),
      409,
      'execution_closed',
    );
  });

  it('refuses malformed events with 400', async () => {
    const executionId = await run(waitingId);
    for (const json of [{}, { name: '' }, { name: 7 }, { name: 'x'.repeat(201) }, { name: 'approved', extra: true }]) {
      await expectError(
        server.admin(`${executionPath(executionId)}/events`, { method: 'POST', json }),
        400,
        'invalid_request',
      );
    }
    await server.admin(`${executionPath(executionId)}/cancel`, { method: 'POST' });
  });

  it('cancels a run: 202, and it ends cancelled', async () => {
    const executionId = await run(waitingId);
    await untilWaiting(executionId);
    const cancelled = await server.admin(`${executionPath(executionId)}/cancel`, { method: 'POST' });
    expect(cancelled.status).toBe(202);
    expect(await body<{ executionId: string }>(cancelled)).toEqual({ executionId });
    await statusOnceClosed(executionId, 'cancelled');
  });

  it('keeps a run in flight on the version it started with', async () => {
    const executionId = await run(waitingId);
    await untilWaiting(executionId);
    const put = await server.admin(`/workflows/${waitingId}`, {
      method: 'PUT',
      json: workflowDefinition('waiting', 'shop', {
        nodes: [
          { id: 'approval', type: 'wait', params: { event: 'approved' } },
          { id: 'done', type: 'transform', params: { value: 'v2' } },
        ],
        edges: [{ from: 'approval', to: 'done' }],
      }),
    });
    expect(put.status).toBe(200);
    await server.admin(`${executionPath(executionId)}/events`, {
      method: 'POST',
      json: { name: 'approved', payload: { by: 'bob' } },
    });
    const done = await statusOnceClosed(executionId, 'completed');
    expect(done.version).toBe(1);
    expect(done.nodes.done?.output).toBe('v1 bob');
  });

  it('answers 404 for a Temporal workflow of the namespace that is not a Hookflow run', async () => {
    const foreignId = `${echoId}:foreign-${Date.now()}`;
    const foreign = await server.ctx.temporal.client.workflow.start('someoneElsesWorkflow', {
      taskQueue: `${server.config.taskQueue}-foreign`,
      workflowId: foreignId,
    });
    try {
      await expectError(server.admin(executionPath(foreignId)), 404, 'execution_not_found');
      await expectError(
        server.admin(`${executionPath(foreignId)}/events`, { method: 'POST', json: { name: 'x' } }),
        404,
        'execution_not_found',
      );
      await expectError(
        server.admin(`${executionPath(foreignId)}/cancel`, { method: 'POST' }),
        404,
        'execution_not_found',
      );
    } finally {
      await foreign.terminate('test over');
    }
  });

  it('answers 404 execution_not_found for unknown executions', async () => {
    const unknown = executionPath(`${echoId}:no-such-delivery`);
    await expectError(server.admin(unknown), 404, 'execution_not_found');
    await expectError(
      server.admin(`${unknown}/events`, { method: 'POST', json: { name: 'x' } }),
      404,
      'execution_not_found',
    );
    await expectError(server.admin(`${unknown}/cancel`, { method: 'POST' }), 404, 'execution_not_found');
  });
});
