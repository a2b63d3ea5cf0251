import type { Client } from '@temporalio/client';
import { temporal } from '@temporalio/proto';
import type { RoundTripShape } from './limit/round-trip-shape';
import { round1 } from './stats';

const EventType = temporal.api.enums.v1.EventType;
/** The marker the Temporal SDKs record for each local activity. */
const LOCAL_ACTIVITY_MARKER = 'core_local_activity';

/** What Temporal stores and dispatches per run, as means over the sampled runs' histories. */
export interface HistoryProfile {
  sampledRuns: number;
  events: number;
  /** Workflow tasks scheduled (each one a round trip to a worker through the task queue). */
  workflowTasks: number;
  /** Activity tasks scheduled (a task-queue round trip each; retries not counted). */
  activityTasks: number;
  localActivities: number;
  timers: number;
  /** Workflow tasks that failed or timed out (a replay or a lost sticky worker): should be 0. */
  failedWorkflowTasks: number;
  /** Bytes of history per run, as visibility reports it. */
  historyBytes: number | null;
}

/**
 * Reads the histories of `sample` completed runs matching `query`, spread evenly over all of them: runs from
 * the start of a phase (cold caches, the load rising) and from its end count alike.
 */
export async function profileHistories(client: Client, query: string, sample: number): Promise<HistoryProfile> {
  const all: Array<{ workflowId: string; historySize: number | undefined }> = [];
  for await (const info of client.workflow.list({ query: `${query} AND ExecutionStatus = 'Completed'` })) {
    all.push({ workflowId: info.workflowId, historySize: info.historySize });
  }
  const step = Math.max(1, all.length / sample);
  const runs = Array.from({ length: Math.min(sample, all.length) }, (_, i) => all[Math.floor(i * step)]).filter(
    (run) => run !== undefined,
  );
  if (runs.length === 0) throw new Error(`no completed run to profile (${query})`);
  const totals = { events: 0, workflowTasks: 0, activityTasks: 0, localActivities: 0, timers: 0, failed: 0 };
  for (const run of runs) {
    const history = await client.workflow.getHandle(run.workflowId).fetchHistory();
    for (const event of history.events ?? []) {
      totals.events++;
      switch (event.eventType) {
        case EventType.EVENT_TYPE_WORKFLOW_TASK_SCHEDULED:
          totals.workflowTasks++;
          break;
        case EventType.EVENT_TYPE_WORKFLOW_TASK_FAILED:
        case EventType.EVENT_TYPE_WORKFLOW_TASK_TIMED_OUT:
          totals.failed++;
          break;
        case EventType.EVENT_TYPE_ACTIVITY_TASK_SCHEDULED:
          totals.activityTasks++;
          break;
        case EventType.EVENT_TYPE_TIMER_STARTED:
          totals.timers++;
          break;
        case EventType.EVENT_TYPE_MARKER_RECORDED:
          if (event.markerRecordedEventAttributes?.markerName === LOCAL_ACTIVITY_MARKER) totals.localActivities++;
          break;
      }
    }
  }
  const sizes = runs.map((run) => run.historySize).filter((size): size is number => size !== undefined);
  const mean = (total: number) => round1(total / runs.length);
  return {
    sampledRuns: runs.length,
    events: mean(totals.events),
    workflowTasks: mean(totals.workflowTasks),
    activityTasks: mean(totals.activityTasks),
    localActivities: mean(totals.localActivities),
    timers: mean(totals.timers),
    failedWorkflowTasks: mean(totals.failed),
    historyBytes: sizes.length > 0 ? Math.round(sizes.reduce((a, b) => a + b, 0) / sizes.length) : null,
  };
}

/**
 * The round trips the limit workflow repeats. Failed workflow tasks are left out: they are the engine's
 * (or the load's) extra cost, not part of what a run needs.
 */
export function roundTripShapeOf(profile: HistoryProfile): RoundTripShape {
  return {
    workflowTasks: Math.max(1, Math.round(profile.workflowTasks - profile.failedWorkflowTasks)),
    activityTasks: Math.round(profile.activityTasks),
    localActivities: Math.round(profile.localActivities),
  };
}
