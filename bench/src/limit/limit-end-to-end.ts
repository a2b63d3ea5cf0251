import { performance } from 'node:perf_hooks';
import type { Client } from '@temporalio/client';
import { temporal } from '@temporalio/proto';
import { waitForClosedRuns } from '../completion';
import { latencySummary, round1, type LatencySummary } from '../stats';
import { ROUND_TRIPS_WORKFLOW_TYPE, type RoundTripShape } from './round-trip-shape';

export interface LimitEndToEndResult {
  shape: RoundTripShape;
  concurrency: number;
  runs: number;
  started: number;
  completed: number;
  failed: number;
  /** From the first start until the last run had completed. */
  seconds: number;
  runsPerSecond: number;
  startSeconds: number;
  startLatencyMs: LatencySummary;
  errors: number;
}

/**
 * "Temporal limit, end to end": `runs` bare workflows with the bench graph's round trips, started from this
 * process as fast as `concurrency` parallel starts allow (as the end-to-end phase fires its webhooks), timed
 * until the last one completed. Its task queue must be this phase's alone.
 */
export async function runLimitEndToEnd(options: {
  client: Client;
  taskQueue: string;
  shape: RoundTripShape;
  runs: number;
  concurrency: number;
  idPrefix: string;
  timeoutMs: number;
}): Promise<LimitEndToEndResult> {
  const { client } = options;
  const latencies: number[] = [];
  let next = 0;
  let errors = 0;
  const start = performance.now();
  const loop = async (): Promise<void> => {
    while (next < options.runs) {
      const id = `${options.idPrefix}-${next++}`;
      const sentAt = performance.now();
      try {
        await client.workflow.start(ROUND_TRIPS_WORKFLOW_TYPE, {
          taskQueue: options.taskQueue,
          workflowId: id,
          args: [options.shape],
        });
        latencies.push(performance.now() - sentAt);
      } catch {
        errors++;
      }
    }
  };
  await Promise.all(Array.from({ length: options.concurrency }, loop));
  const startSeconds = (performance.now() - start) / 1000;
  const done = await waitForClosedRuns({
    client,
    query: `TaskQueue = '${options.taskQueue}'`,
    expected: latencies.length,
    since: start,
    timeoutMs: options.timeoutMs,
    what: 'Temporal limit, end to end',
  });
  return {
    shape: options.shape,
    concurrency: options.concurrency,
    runs: options.runs,
    started: latencies.length,
    completed: done.completed,
    failed: done.failed + done.otherClosed,
    seconds: round1(done.seconds),
    runsPerSecond: round1(done.completed / done.seconds),
    startSeconds: round1(startSeconds),
    startLatencyMs: latencySummary(latencies),
    errors,
  };
}

/** Waits until a worker polls `taskQueue` for workflow tasks: started runs would otherwise time its start-up. */
export async function waitForWorkflowPoller(client: Client, namespace: string, taskQueue: string, timeoutMs = 60_000) {
  const deadline = performance.now() + timeoutMs;
  while (performance.now() < deadline) {
    const { pollers } = await client.workflowService.describeTaskQueue({
      namespace,
      taskQueue: { name: taskQueue, kind: temporal.api.enums.v1.TaskQueueKind.TASK_QUEUE_KIND_NORMAL },
      taskQueueType: temporal.api.enums.v1.TaskQueueType.TASK_QUEUE_TYPE_WORKFLOW,
    });
    if ((pollers?.length ?? 0) > 0) return;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`no worker polled ${taskQueue} within ${timeoutMs / 1000} s (see limit-worker.log)`);
}
