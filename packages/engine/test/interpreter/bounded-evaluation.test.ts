import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RunHarness } from '../support/run-harness';

/**
 * Expressions run inside the workflow, on trigger data: what they may build is bounded there, and control
 * params rendered from trigger data are checked again before a timer is set (docs/node-types.md).
 */
describe('bounded evaluation in a run', () => {
  const harness = new RunHarness();
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
});
