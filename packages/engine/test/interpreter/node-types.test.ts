import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sendExecutionEvent } from '../../src/executions/control-execution';
import { HttpFixture } from '../support/http-fixture';
import { RunHarness } from '../support/run-harness';

/** Each built-in node type of docs/node-types.md on the real stack. */
describe('built-in node types', () => {
  const harness = new RunHarness();
  const http = new HttpFixture();
  beforeAll(async () => {
    await Promise.all([harness.start(), http.start()]);
  });
  afterAll(async () => {
    await Promise.all([harness.stop(), http.stop()]);
  });

  describe('http.request', () => {
    it('outputs status, headers and parsed body of a 2xx, sending the rendered body and query', async () => {
      http.on('/orders', (req) => ({ status: 201, body: { received: JSON.parse(req.body) as unknown } }));
      const execution = await harness.run(
        {
          nodes: [
            {
              id: 'call',
              type: 'http.request',
              params: {
                method: 'POST',
                url: `${http.url}/orders`,
                query: { source: 'hookflow' },
                headers: { 'x-trace': '{{ $trigger.trace }}' },
                body: { order: '{{ $trigger.orderId }}', amount: '{{ $trigger.amount }}' },
              },
            },
          ],
        },
        { orderId: 'o-7', amount: 12.5, trace: 't-1' },
      );
      expect(execution.status).toBe('completed');
      expect(execution.nodes.call).toMatchObject({
        status: 'succeeded',
        attempts: 1,
        output: { status: 201, body: { received: { order: 'o-7', amount: 12.5 } } },
      });
      const [request] = http.requestsTo('/orders');
      expect(request!.url).toBe('/orders?source=hookflow');
      expect(request!.headers['x-trace']).toBe('t-1');
      expect(request!.headers['content-type']).toBe('application/json');
    });

    it('retries a 503 and succeeds on the 200 that follows', async () => {
      http.on(
        '/flaky',
        () => ({ status: 503 }),
        () => ({ status: 200, body: { ok: true } }),
      );
      const execution = await harness.run({
        nodes: [
          {
            id: 'call',
            type: 'http.request',
            retry: { maximumAttempts: 3, initialIntervalMs: 50 },
            params: { method: 'GET', url: `${http.url}/flaky` },
          },
        ],
      });
      expect(execution.nodes.call).toMatchObject({ status: 'succeeded', attempts: 2, output: { status: 200 } });
      expect(http.requestsTo('/flaky')).toHaveLength(2);
    });

    it('sends the same Idempotency-Key <executionId>/<nodeId> on every attempt', async () => {
      http.on(
        '/charge',
        () => ({ status: 503 }),
        () => ({ status: 200, body: { charged: true } }),
      );
      const execution = await harness.run({
        nodes: [
          {
            id: 'charge',
            type: 'http.request',
            retry: { maximumAttempts: 3, initialIntervalMs: 50 },
            params: { method: 'POST', url: `${http.url}/charge`, body: { amount: 5 } },
          },
        ],
      });
      expect(execution.nodes.charge).toMatchObject({ status: 'succeeded', attempts: 2 });
      const keys = http.requestsTo('/charge').map((request) => request.headers['idempotency-key']);
      expect(keys).toEqual([`${execution.executionId}/charge`, `${execution.executionId}/charge`]);
    });

    it('fails a node whose output is over 256 KiB, without retry', async () => {
      const execution = await harness.run({
        nodes: [
          { id: 'small', type: 'transform', params: { value: { kept: '{{ $pad("", 1000, "s") }}' } } },
          {
            id: 'huge',
            type: 'transform',
            retry: { maximumAttempts: 3, initialIntervalMs: 50 },
            params: { value: '{{ $pad("", 300000, "x") }}' },
          },
        ],
      });
      expect(execution.nodes.huge).toMatchObject({
        status: 'failed',
        attempts: 1,
        error: { code: 'output_too_large' },
      });
      expect(execution.nodes.small!.output).toEqual({ kept: 's'.repeat(1000) });
    });

    it('returns a summary as the run result: statuses and attempts, the outputs only through the query', async () => {
      const execution = await harness.run({
        nodes: [{ id: 'big', type: 'transform', params: { value: '{{ $pad("", 200000, "y") }}' } }],
      });
      expect(execution.nodes.big).toMatchObject({ status: 'succeeded', output: 'y'.repeat(200000) });
      const result: unknown = await harness.client.workflow.getHandle(execution.executionId).result();
      expect(result).toEqual({ big: { status: 'succeeded', attempts: 1 } });
    });

    it('fails a 404 at once, without retry', async () => {
      http.on('/missing', () => ({ status: 404 }));
      const execution = await harness.run({
        nodes: [
          {
            id: 'call',
            type: 'http.request',
            retry: { maximumAttempts: 5, initialIntervalMs: 50 },
            params: { method: 'GET', url: `${http.url}/missing` },
          },
        ],
      });
      expect(execution.status).toBe('failed');
      expect(execution.nodes.call).toMatchObject({ status: 'failed', attempts: 1, error: { code: 'http_404' } });
      expect(http.requestsTo('/missing')).toHaveLength(1);
    });
  });

  describe('wait', () => {
    it('is woken by an event and outputs its payload', async () => {
      const { executionId } = await harness.startGraph({
        nodes: [
          { id: 'approval', type: 'wait', params: { event: 'approved', timeoutSeconds: 60 } },
          { id: 'after', type: 'transform', params: { value: '{{ $nodes.approval.output.payload.by }}' } },
        ],
        edges: [{ from: 'approval', to: 'after' }],
      });
      await expect.poll(async () => (await harness.read(executionId)).nodes.approval!.status).toBe('waiting');
      await sendExecutionEvent(harness.client, executionId, { name: 'other', payload: {} });
      await sendExecutionEvent(harness.client, executionId, { name: 'approved', payload: { by: 'ops' } });
      const execution = await harness.waitForClose(executionId);
      expect(execution.status).toBe('completed');
      expect(execution.nodes.approval).toMatchObject({ status: 'succeeded', output: { payload: { by: 'ops' } } });
      expect(execution.nodes.after!.output).toBe('ops');
    });

    it('fails the node with wait_timeout when no event comes', async () => {
      const execution = await harness.run({
        nodes: [{ id: 'approval', type: 'wait', params: { event: 'approved', timeoutSeconds: 1 } }],
      });
      expect(execution.status).toBe('failed');
      expect(execution.nodes.approval).toMatchObject({ status: 'failed', error: { code: 'wait_timeout' } });
    });

    it('refuses events for a closed run', async () => {
      const execution = await harness.run({ nodes: [{ id: 'x', type: 'transform', params: { value: 1 } }] });
      await expect(sendExecutionEvent(harness.client, execution.executionId, { name: 'late' })).rejects.toMatchObject({
        code: 'execution_closed',
      });
      await expect(
        sendExecutionEvent(harness.client, `${execution.executionId}-nope`, { name: 'x' }),
      ).rejects.toMatchObject({
        code: 'execution_not_found',
      });
    });
  });

  it('delay waits the given seconds on a durable timer', async () => {
    const execution = await harness.run({ nodes: [{ id: 'pause', type: 'delay', params: { seconds: 1 } }] });
    expect(execution.status).toBe('completed');
    const node = execution.nodes.pause!;
    expect(Date.parse(node.finishedAt!) - Date.parse(node.startedAt!)).toBeGreaterThanOrEqual(1000);
  });

  it('fail fails the run with its rendered message, without retry', async () => {
    const execution = await harness.run(
      {
        nodes: [{ id: 'stop', type: 'fail', onError: 'continue', params: { message: 'bad order {{ $trigger.id }}' } }],
      },
      { id: 'o-9' },
    );
    expect(execution.status).toBe('failed');
    expect(execution.nodes.stop).toMatchObject({ status: 'failed', attempts: 1, error: { message: 'bad order o-9' } });
    expect(execution.error?.message).toContain('bad order o-9');
  });

  it('log outputs its rendered message', async () => {
    const execution = await harness.run({
      nodes: [{ id: 'note', type: 'log', params: { message: 'hello {{ $workflow.name }}', level: 'warn' } }],
    });
    expect(execution.nodes.note).toMatchObject({ status: 'succeeded', output: { message: 'hello test-graph' } });
  });

  describe('expressions', () => {
    it('gives a raw value for a whole template and a string for an interpolated one', async () => {
      const execution = await harness.run(
        {
          nodes: [
            {
              id: 't',
              type: 'transform',
              params: {
                value: {
                  raw: '{{ $trigger.items }}',
                  number: '{{ $trigger.items[0] * 2 }}',
                  text: 'first={{ $trigger.items[0] }} all={{ $trigger.items }}',
                  execution: '{{ $execution.id }}',
                },
              },
            },
          ],
        },
        { items: [3, 4] },
      );
      expect(execution.nodes.t!.output).toEqual({
        raw: [3, 4],
        number: 6,
        text: 'first=3 all=[3,4]',
        execution: execution.executionId,
      });
    });

    it('fails the node with a message naming node, param path and expression', async () => {
      const execution = await harness.run({
        nodes: [{ id: 'bad', type: 'transform', params: { value: { nested: '{{ $trigger.x + }}' } } }],
      });
      expect(execution.status).toBe('failed');
      const error = execution.nodes.bad!.error!;
      expect(error.code).toBe('expression_error');
      expect(error.message).toContain('bad');
      expect(error.message).toContain('value.nested');
      expect(error.message).toContain('$trigger.x +');
    });
  });
});
