import { performance } from 'node:perf_hooks';
import type { Client } from '@temporalio/client';
import { RUN_GRAPH_WORKFLOW_TYPE, startExecution, type RunGraphInput } from '@hookflow/engine';
import { EDGES, NODES, WEBHOOK_BODY } from './scenario';
import { latencySummary, PEAK_WINDOW_SECONDS, RateMeter, round1, type LatencySummary } from './stats';

export interface StartLoopResult {
  variant: 'bare' | 'startRun';
  concurrency: number;
  durationS: number;
  starts: number;
  throughput: number;
  /** Starts per second over the loop's best 5 s. */
  peakThroughput: number;
  latencyMs: LatencySummary;
  errors: number;
}

export interface StartLoopOptions {
  client: Client;
  taskQueue: string;
  workflow: RunGraphInput['workflow'];
  concurrency: number;
  durationMs: number;
  /** Prefix of the delivery keys, unique per phase so no start is refused as a duplicate. */
  keyPrefix: string;
  /**
   * `bare`: `client.workflow.start` with only id, queue and input — Temporal's own floor.
   * `startRun`: the engine's `startRun`, i.e. exactly what the server sends (search attributes, memo,
   * summary, id policies): the same Temporal request without HTTP, auth, parsing or logging.
   */
  variant: 'bare' | 'startRun';
}

/** `concurrency` loops starting runs back to back from this process, over one long-lived connection. */
export async function runStartLoop(options: StartLoopOptions): Promise<StartLoopResult> {
  const latencies: number[] = [];
  let next = 0;
  let errors = 0;
  const start = performance.now();
  const meter = new RateMeter(start);
  const deadline = start + options.durationMs;

  const loop = async (): Promise<void> => {
    while (performance.now() < deadline) {
      const input = runInput(options.workflow, `${options.keyPrefix}-${next++}`);
      const sentAt = performance.now();
      try {
        if (options.variant === 'startRun') await startExecution(options.client, options.taskQueue, input);
        else
          await options.client.workflow.start(RUN_GRAPH_WORKFLOW_TYPE, {
            taskQueue: options.taskQueue,
            workflowId: `${options.workflow.id}:${input.trigger.deliveryKey}`,
            args: [input],
          });
        latencies.push(performance.now() - sentAt);
        meter.tick(performance.now());
      } catch {
        errors++;
      }
    }
  };
  await Promise.all(Array.from({ length: options.concurrency }, loop));
  const durationS = (performance.now() - start) / 1000;
  return {
    variant: options.variant,
    concurrency: options.concurrency,
    durationS: Math.round(durationS * 100) / 100,
    starts: latencies.length,
    throughput: round1(latencies.length / durationS),
    peakThroughput: meter.peak(PEAK_WINDOW_SECONDS),
    latencyMs: latencySummary(latencies),
    errors,
  };
}

/** The input the generic trigger builds for the bench's request (docs/executions.md: one `runGraph` input shape). */
function runInput(workflow: RunGraphInput['workflow'], deliveryKey: string): RunGraphInput {
  return {
    workflow,
    graph: { nodes: structuredClone(NODES), edges: structuredClone(EDGES) },
    trigger: {
      type: 'generic-webhook',
      deliveryKey,
      payload: {
        body: JSON.parse(WEBHOOK_BODY) as unknown,
        headers: {
          host: '127.0.0.1',
          'content-type': 'application/json',
          'idempotency-key': deliveryKey,
          'content-length': String(WEBHOOK_BODY.length),
          connection: 'keep-alive',
        },
        query: {},
        receivedAt: new Date().toISOString(),
      },
    },
  };
}
