import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { SEARCH_ATTRIBUTES } from '../../src/temporal/search-attributes';
import { nodesQuery } from '../../src/interpreter/definitions';
import { RunHarness } from '../support/run-harness';

/** What an operator sees in the Temporal UI (docs/executions.md). */
describe('a run as the Temporal UI shows it', () => {
  const harness = new RunHarness();
  beforeAll(() => harness.start());
  afterAll(() => harness.stop());

  it('carries search attributes, memo, a static summary, activity summaries and a node-map query', async () => {
    const execution = await harness.run({
      nodes: [
        { id: 'shape', type: 'transform', params: { value: 1 } },
        { id: 'pause', type: 'delay', params: { seconds: 0.1 } },
      ],
      edges: [{ from: 'shape', to: 'pause' }],
    });
    expect(execution.status).toBe('completed');
    const handle = harness.client.workflow.getHandle(execution.executionId);
    const description = await handle.describe();

    expect(description.type).toBe('runGraph');
    expect(description.typedSearchAttributes.get(SEARCH_ATTRIBUTES.workflowId)).toBe(harness.workflowId);
    expect(description.typedSearchAttributes.get(SEARCH_ATTRIBUTES.workflowName)).toBe('test-graph');
    expect(description.typedSearchAttributes.get(SEARCH_ATTRIBUTES.triggerType)).toBe('test');
    expect(description.typedSearchAttributes.get(SEARCH_ATTRIBUTES.version)).toBe(1);
    expect(description.memo).toMatchObject({ workflowName: 'test-graph', version: 1, triggerType: 'test' });
    expect(await description.staticSummary()).toBe('test-graph v1 · test');
    expect(await description.staticDetails()).toContain('shape (transform)');

    const history = await handle.fetchHistory();
    // `transform` runs as a local activity: its summary is on the marker that records its result.
    const summaries = (history.events ?? [])
      .filter(
        (e) =>
          e.activityTaskScheduledEventAttributes ||
          e.timerStartedEventAttributes ||
          e.markerRecordedEventAttributes?.markerName === 'core_local_activity',
      )
      .map((e) => e.userMetadata?.summary?.data)
      .map((data) => (data ? (JSON.parse(Buffer.from(data).toString()) as string) : undefined));
    expect(summaries).toEqual(['shape (transform)', 'delay pause']);

    const nodes = await handle.query(nodesQuery);
    expect(Object.keys(nodes)).toEqual(['shape', 'pause']);
    expect(nodes.shape).toMatchObject({ status: 'succeeded', output: 1 });

    // Operators filter runs by workflow in the UI with exactly this query.
    const found = [];
    for await (const run of harness.client.workflow.list({ query: `HookflowWorkflowId = '${harness.workflowId}'` })) {
      found.push(run.workflowId);
    }
    expect(found).toContain(execution.executionId);
    expect(execution.temporalUiUrl).toBe(
      `http://localhost:8233/namespaces/default/workflows/${encodeURIComponent(execution.executionId)}/${execution.runId}/history`,
    );
  });

  it("answers the Stack Trace tab with the interpreter's own source files", async () => {
    const { executionId } = await harness.startGraph({
      nodes: [{ id: 'approval', type: 'wait', params: { event: 'never', timeoutSeconds: 60 } }],
    });
    const handle = harness.client.workflow.getHandle(executionId);
    try {
      // The UI's Stack Trace tab asks this built-in query; the trace is mapped back through the source map.
      const trace = await vi.waitFor(async () => {
        const found = await handle.query<string>('__stack_trace');
        if (!found.includes('interpret-node')) throw new Error(`not waiting yet: ${found}`);
        return found;
      });
      expect(trace).toMatch(/src\/interpreter\/interpret-node\.ts:\d+/);
    } finally {
      await handle.terminate();
    }
  });
});
