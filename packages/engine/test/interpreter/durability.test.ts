import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startProcess, type ManagedProcess } from '@hookflow/dev-stack';
import { testStack, uniqueName } from '@hookflow/dev-stack/testing';
import { startExecution } from '../../src/executions/start-execution';
import { RunHarness } from '../support/run-harness';

const WORKER_ENTRY = path.resolve(__dirname, '../../dist/worker/main.js');

/** Runs survive worker crashes: state lives in Temporal, a new worker picks up where the old one died. */
describe('durability', () => {
  const harness = new RunHarness();
  beforeAll(() => harness.start());
  afterAll(() => harness.stop());

  it('starts one run for the same delivery key sent twice', async () => {
    const graph = { nodes: [{ id: 'x', type: 'transform', params: { value: '{{ $trigger.n }}' } }] };
    const first = await harness.startGraph(graph, { n: 1 }, 'delivery-1');
    const second = await harness.startGraph(graph, { n: 2 }, 'delivery-1');
    expect(first).toEqual({ executionId: `${harness.workflowId}:delivery-1`, status: 'accepted' });
    expect(second).toEqual({ executionId: first.executionId, status: 'duplicate' });
    const execution = await harness.waitForClose(first.executionId);
    expect(execution.nodes.x!.output).toBe(1);
    // Even after the first run closed, the key stays taken.
    expect(await harness.startGraph(graph, { n: 3 }, 'delivery-1')).toMatchObject({ status: 'duplicate' });
    const runs = [];
    for await (const run of harness.client.workflow.list({ query: `WorkflowId = '${first.executionId}'` }))
      runs.push(run);
    expect(runs).toHaveLength(1);
  });

  it('a delay survives a worker restart', async () => {
    const { executionId } = await harness.startGraph({
      nodes: [
        { id: 'pause', type: 'delay', params: { seconds: 2 } },
        { id: 'after', type: 'transform', params: { value: 'done' } },
      ],
      edges: [{ from: 'pause', to: 'after' }],
    });
    await expect.poll(async () => (await harness.read(executionId)).nodes.pause!.status).toBe('running');
    await harness.stopWorker();
    await harness.startWorker();
    const execution = await harness.waitForClose(executionId);
    expect(execution.status).toBe('completed');
    expect(execution.nodes.after!.output).toBe('done');
  });

  it('20 runs sleeping in delay nodes all complete after the worker is killed with SIGKILL', async () => {
    const taskQueue = uniqueName('sigkill');
    const startWorker = (): ManagedProcess =>
      startProcess({
        name: 'worker',
        command: process.execPath,
        args: [WORKER_ENTRY],
        env: {
          ...process.env,
          TEMPORAL_ADDRESS: testStack().temporalAddress,
          // The worker reads credentials from MongoDB, so it needs a database even for these nodes.
          MONGODB_URI: `${testStack().mongodbUri}/${taskQueue}`,
          HOOKFLOW_TASK_QUEUE: taskQueue,
          HOOKFLOW_PLUGINS: '@hookflow/engine/nodes',
          LOG_LEVEL: 'warn',
        },
      });
    const graph = {
      nodes: [
        { id: 'before', type: 'transform', params: { value: '{{ $trigger.i }}' } },
        { id: 'pause', type: 'delay', params: { seconds: 3 } },
        { id: 'after', type: 'transform', params: { value: '{{ $nodes.before.output * 2 }}' } },
      ],
      edges: [
        { from: 'before', to: 'pause' },
        { from: 'pause', to: 'after' },
      ],
    };
    let worker = startWorker();
    const ids = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        startExecution(harness.client, taskQueue, harness.input(graph, { i }, `kill-${i}`)).then((r) => r.executionId),
      ),
    );
    // Every run is inside its durable timer before the crash.
    await expect
      .poll(
        async () =>
          (await Promise.all(ids.map((id) => harness.read(id)))).every((e) => e.nodes.pause!.status === 'running'),
        {
          timeout: 30_000,
          interval: 250,
        },
      )
      .toBe(true);
    process.kill(worker.pid, 'SIGKILL');
    await worker.exited;

    worker = startWorker();
    try {
      const executions = await Promise.all(ids.map((id) => harness.waitForClose(id)));
      executions.forEach((execution, i) => {
        expect(execution.status).toBe('completed');
        expect(execution.nodes.after!.output).toBe(i * 2);
      });
      // Each action node's output was recorded exactly once: `transform` runs as a local activity, whose
      // result is one marker per node, and none ran as a regular activity.
      for (const id of ids) {
        const history = await harness.client.workflow.getHandle(id).fetchHistory();
        const recorded = (history.events ?? []).filter(
          (e) => e.markerRecordedEventAttributes?.markerName === 'core_local_activity',
        );
        const scheduled = (history.events ?? []).filter((e) => e.activityTaskScheduledEventAttributes);
        expect(recorded).toHaveLength(2);
        expect(scheduled).toHaveLength(0);
      }
    } finally {
      await worker.stop();
    }
  });
});
