import type { Worker } from '@temporalio/worker';
import type { HealthReport } from './metrics-endpoint';

/**
 * Healthy while the worker runs and both its workflow and activity pollers are polling. A worker whose
 * pollers stopped (shutdown requested, a fatal poll error) takes no more tasks: restarting it is the cure,
 * which is what a failing container healthcheck leads to.
 */
export function workerHealth(worker: Worker | undefined): HealthReport {
  if (!worker) return { healthy: false, details: { runState: 'STARTING' } };
  const status = worker.getStatus();
  const details = {
    runState: status.runState,
    workflowPollerState: status.workflowPollerState,
    activityPollerState: status.activityPollerState,
  };
  const healthy =
    status.runState === 'RUNNING' &&
    status.workflowPollerState === 'POLLING' &&
    status.activityPollerState === 'POLLING';
  return { healthy, details };
}
