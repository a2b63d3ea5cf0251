import { CancelledFailure } from '@temporalio/activity';
import type { ActivityInboundCallsInterceptor, ActivityInterceptorsFactory } from '@temporalio/worker';
import { Counter, Histogram, type Registry } from 'prom-client';
import type { ExecuteNodeInput } from '../activities/node-activity-types';

export type NodeOutcome = 'succeeded' | 'failed' | 'cancelled';

/** Seconds; nodes range from sub-millisecond transforms to HTTP calls that wait up to minutes. */
const DURATION_BUCKETS = [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300];

/**
 * `hookflow_node_executions_total` and `hookflow_node_duration_seconds`, labelled by node type and outcome.
 * Each activity attempt counts once (a node retried twice shows two failures and a success). Types the worker
 * has not loaded are counted as `unknown`, so a stored graph cannot grow the label set.
 */
export function nodeMetricsInterceptor(
  registry: Registry,
  isKnownType: (type: string) => boolean,
): ActivityInterceptorsFactory {
  const executions = new Counter({
    name: 'hookflow_node_executions_total',
    help: 'Node activity attempts by node type and outcome (succeeded, failed, cancelled).',
    labelNames: ['node_type', 'outcome'],
    registers: [registry],
  });
  const duration = new Histogram({
    name: 'hookflow_node_duration_seconds',
    help: 'Duration of node activity attempts, by node type and outcome.',
    labelNames: ['node_type', 'outcome'],
    buckets: DURATION_BUCKETS,
    registers: [registry],
  });

  return (ctx) => {
    const inbound: ActivityInboundCallsInterceptor = {
      async execute(input, next) {
        const node = input.args[0] as Partial<ExecuteNodeInput> | undefined;
        const nodeType = typeof node?.type === 'string' && isKnownType(node.type) ? node.type : 'unknown';
        const stop = duration.startTimer({ node_type: nodeType });
        let outcome: NodeOutcome = 'failed';
        try {
          const result = await next(input);
          outcome = 'succeeded';
          return result;
        } catch (error) {
          if (error instanceof CancelledFailure || ctx.cancellationSignal.aborted) outcome = 'cancelled';
          throw error;
        } finally {
          stop({ outcome });
          executions.inc({ node_type: nodeType, outcome });
        }
      },
    };
    return { inbound };
  };
}
