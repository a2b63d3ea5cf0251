import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RunHarness } from '../support/run-harness';
import { testNodes } from '../support/test-nodes';

/** One test per rule of docs/workflows.md, each on the real Temporal server with a real worker. */
describe('graph semantics', () => {
  const harness = new RunHarness(testNodes);
  beforeAll(() => harness.start());
  afterAll(() => harness.stop());

  it('runs a diamond: roots fan out, the join runs once after both branches', async () => {
    const execution = await harness.run(
      {
        nodes: [
          { id: 'a', type: 'transform', params: { value: '{{ $trigger.n }}' } },
          { id: 'b', type: 'transform', params: { value: '{{ $nodes.a.output + 1 }}' } },
          { id: 'c', type: 'transform', params: { value: '{{ $nodes.a.output * 10 }}' } },
          { id: 'd', type: 'transform', params: { value: { sum: '{{ $nodes.b.output + $nodes.c.output }}' } } },
        ],
        edges: [
          { from: 'a', to: 'b' },
          { from: 'a', to: 'c' },
          { from: 'b', to: 'd' },
          { from: 'c', to: 'd' },
        ],
      },
      { n: 2 },
    );
    expect(execution.status).toBe('completed');
    expect(execution.nodes.d).toMatchObject({ status: 'succeeded', output: { sum: 23 }, attempts: 1 });
    expect(Date.parse(execution.nodes.d!.startedAt!)).toBeGreaterThanOrEqual(
      Date.parse(execution.nodes.b!.finishedAt!),
    );
    expect(Date.parse(execution.nodes.d!.startedAt!)).toBeGreaterThanOrEqual(
      Date.parse(execution.nodes.c!.finishedAt!),
    );
  });

  it('routes a condition and propagates skips down the branch not taken', async () => {
    const execution = await harness.run(
      {
        nodes: [
          { id: 'big', type: 'condition', params: { expression: '$trigger.amount > 100' } },
          { id: 'notify', type: 'transform', params: { value: 'big' } },
          { id: 'afterNotify', type: 'transform', params: { value: 'after big' } },
          { id: 'note', type: 'log', params: { message: 'small order {{ $trigger.id }}' } },
          { id: 'end', type: 'transform', params: { value: 'joined' } },
        ],
        edges: [
          { from: 'big', to: 'notify', when: 'true' },
          { from: 'notify', to: 'afterNotify' },
          { from: 'big', to: 'note', when: 'false' },
          { from: 'afterNotify', to: 'end' },
          { from: 'note', to: 'end' },
        ],
      },
      { amount: 5, id: 'o-1' },
    );
    expect(execution.status).toBe('completed');
    expect(execution.nodes.big).toMatchObject({ status: 'succeeded', output: { result: false } });
    expect(execution.nodes.notify!.status).toBe('skipped');
    expect(execution.nodes.afterNotify!.status).toBe('skipped');
    expect(execution.nodes.note).toMatchObject({ status: 'succeeded', output: { message: 'small order o-1' } });
    expect(execution.nodes.end).toMatchObject({ status: 'succeeded', output: 'joined' });
  });

  it('takes an error edge when a node fails with onError "continue", and skips its success edges', async () => {
    const execution = await harness.run({
      nodes: [
        { id: 'call', type: 'test.broken', onError: 'continue', params: { message: 'upstream said no' } },
        { id: 'onSuccess', type: 'transform', params: { value: 'ok' } },
        { id: 'onError', type: 'transform', params: { value: 'handled' } },
      ],
      edges: [
        { from: 'call', to: 'onSuccess' },
        { from: 'call', to: 'onError', when: 'error' },
      ],
    });
    expect(execution.status).toBe('completed');
    expect(execution.nodes.call).toMatchObject({
      status: 'failed',
      error: { code: 'broken', message: 'upstream said no' },
      attempts: 1,
    });
    expect(execution.nodes.onSuccess!.status).toBe('skipped');
    expect(execution.nodes.onError).toMatchObject({ status: 'succeeded', output: 'handled' });
  });

  it('fails the run on onError "fail" and cancels a sibling that still runs', async () => {
    const started = Date.now();
    const execution = await harness.run({
      nodes: [
        { id: 'slow', type: 'delay', params: { seconds: 120 } },
        { id: 'afterSlow', type: 'transform', params: { value: 'never' } },
        { id: 'boom', type: 'test.broken', params: { message: 'boom' } },
      ],
      edges: [{ from: 'slow', to: 'afterSlow' }],
    });
    expect(Date.now() - started).toBeLessThan(30_000);
    expect(execution.status).toBe('failed');
    expect(execution.error?.message).toContain('node "boom" failed: boom');
    expect(execution.nodes.boom).toMatchObject({ status: 'failed', error: { code: 'broken' } });
    expect(execution.nodes.slow).toMatchObject({ status: 'failed', error: { code: 'cancelled' } });
    expect(execution.nodes.afterSlow!.status).toBe('skipped');
  });

  it('counts retries in attempts', async () => {
    const execution = await harness.run({
      nodes: [
        {
          id: 'flaky',
          type: 'test.flaky',
          retry: { maximumAttempts: 5, initialIntervalMs: 50, backoffCoefficient: 1 },
          params: { succeedOnAttempt: 3 },
        },
      ],
    });
    expect(execution.status).toBe('completed');
    expect(execution.nodes.flaky).toMatchObject({ status: 'succeeded', attempts: 3, output: { attempt: 3 } });
  });

  it('reports the attempts of a node that ran out of retries', async () => {
    const execution = await harness.run({
      nodes: [
        {
          id: 'flaky',
          type: 'test.flaky',
          retry: { maximumAttempts: 2, initialIntervalMs: 50 },
          params: { succeedOnAttempt: 10 },
        },
      ],
    });
    expect(execution.status).toBe('failed');
    expect(execution.nodes.flaky).toMatchObject({ status: 'failed', attempts: 2, error: { code: 'flaky' } });
  });
});
