import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RunHarness } from '../support/run-harness';
import { testNodes } from '../support/test-nodes';

/**
 * Expressions run inside the workflow, on trigger data: what they may build is bounded there, and control
 * params rendered from trigger data are checked again before a timer is set (docs/node-types.md).
 */
describe('bounded evaluation in a run', () => {
  const harness = new RunHarness(testNodes);
  beforeAll(() => harness.start());
  afterAll(() => harness.stop());

  it('fails a delay whose rendered seconds is absurd with invalid_params instead of sleeping', async () => {
    const execution = await harness.run(
      { nodes: [{ id: 'pause', type: 'delay', params: { seconds: '{{ $trigger.wait }}' } }] },
      { wait: 1e300 },
    );
    expect(execution.status).toBe('failed');
    expect(execution.nodes.pause).toMatchObject({
      status: 'failed',
      error: { code: 'invalid_params', message: expect.stringContaining('params.seconds must be a number') as string },
    });
  });

  it('fails a delay whose rendered until is years ahead, or not a date', async () => {
    for (const until of ['9999-01-01T00:00:00Z', 'soon']) {
      const execution = await harness.run(
        { nodes: [{ id: 'pause', type: 'delay', params: { until: '{{ $trigger.until }}' } }] },
        { until },
      );
      expect(execution.nodes.pause).toMatchObject({ status: 'failed', error: { code: 'invalid_params' } });
    }
  });

  it('fails a wait whose rendered timeout is not a number instead of waiting forever', async () => {
    const execution = await harness.run(
      {
        nodes: [{ id: 'approval', type: 'wait', params: { event: 'ok', timeoutSeconds: '{{ $trigger.timeout }}' } }],
      },
      { timeout: '10' },
    );
    expect(execution.status).toBe('failed');
    expect(execution.nodes.approval).toMatchObject({ status: 'failed', error: { code: 'invalid_params' } });
  });

  it('still waits on a rendered, valid delay', async () => {
    const execution = await harness.run(
      { nodes: [{ id: 'pause', type: 'delay', params: { seconds: '{{ $trigger.wait }}' } }] },
      { wait: 0.2 },
    );
    expect(execution.status).toBe('completed');
  });

  it('fails the node, naming the limit, when an expression would build hundreds of megabytes', async () => {
    const execution = await harness.run({
      nodes: [{ id: 'big', type: 'transform', params: { value: "{{ [1..20].$pad('', 1e7) }}" } }],
    });
    expect(execution.status).toBe('failed');
    expect(execution.nodes.big).toMatchObject({
      status: 'failed',
      error: { code: 'expression_error', message: expect.stringContaining('$pad would be longer') as string },
    });
  });

  // Conditions evaluate inside the workflow sandbox, where JSONata, re2js and the guards are loaded once per
  // worker thread and shared by every run: each run must still get the guards and the linear-time regexes.
  it('bounds conditions evaluated in the workflow, run after run', async () => {
    const graph = {
      nodes: [
        { id: 'matches', type: 'condition', params: { expression: '$contains($trigger.s, /^(a+)+$/)' } },
        {
          id: 'huge',
          type: 'condition',
          onError: 'continue' as const,
          params: { expression: "$length($pad('', $trigger.n)) > 0" },
        },
      ],
      edges: [{ from: 'matches', to: 'huge', when: 'true' as const }],
    };
    for (const round of [1, 2, 3]) {
      const execution = await harness.run(graph, { s: `${'a'.repeat(40)}`, n: 1e9 + round });
      expect(execution.nodes.matches).toMatchObject({ status: 'succeeded', output: { result: true } });
      expect(execution.nodes.huge).toMatchObject({
        status: 'failed',
        error: { code: 'expression_error', message: expect.stringContaining('$pad would be longer') as string },
      });
    }
  });

  // A sender's 100 000 wrong items once made as many validation errors, all in one node error message.
  it('reports the first problem of params rendered from trigger data, not one per item', async () => {
    const execution = await harness.run(
      { nodes: [{ id: 'count', type: 'test.tags', params: { tags: '{{ $trigger.tags }}' } }] },
      { tags: Array.from({ length: 100_000 }, (_, i) => i) },
    );
    expect(execution.nodes.count).toMatchObject({ status: 'failed', attempts: 1, error: { code: 'invalid_params' } });
    const message = (execution.nodes.count as { error: { message: string } }).error.message;
    expect(message).toContain('/params/tags/0: must be string');
    expect(message.length).toBeLessThan(500);
  });
});
