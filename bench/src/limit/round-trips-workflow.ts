import { proxyActivities, proxyLocalActivities, sleep } from '@temporalio/workflow';
import type { RoundTripActivities, RoundTripShape } from './round-trip-shape';

const remote = proxyActivities<RoundTripActivities>({ startToCloseTimeout: '1 minute' });
const local = proxyLocalActivities<RoundTripActivities>({ startToCloseTimeout: '1 minute' });

/**
 * The "Temporal limit, end to end" workflow: no graph, no expressions, no payload to speak of — only the task
 * round trips a bench-graph run makes, as counted from its history. Local activities first (they run inside
 * the first workflow task), then `workflowTasks - 1` rounds of task-queue activities, spread evenly; a round
 * without an activity waits on a 1 ms timer, the cheapest way to cause one more workflow task.
 */
export async function benchRoundTrips(shape: RoundTripShape): Promise<void> {
  for (let i = 0; i < shape.localActivities; i++) await local.noop();
  const rounds = Math.max(shape.workflowTasks - 1, shape.activityTasks > 0 ? 1 : 0);
  for (let round = 0; round < rounds; round++) {
    const count =
      Math.floor((shape.activityTasks * (round + 1)) / rounds) - Math.floor((shape.activityTasks * round) / rounds);
    if (count === 0) await sleep(1);
    else await Promise.all(Array.from({ length: count }, () => remote.noop()));
  }
}
