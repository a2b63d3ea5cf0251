/** What the limit workflow repeats of a bench-graph run: its task round trips, rounded from the history means. */
export interface RoundTripShape {
  workflowTasks: number;
  /** Activities through the task queue (each one an activity task round trip). */
  activityTasks: number;
  /** Local activities: no round trip of their own, but a marker event each and work inside a workflow task. */
  localActivities: number;
}

export interface RoundTripActivities {
  noop(): Promise<void>;
}

export const ROUND_TRIPS_WORKFLOW_TYPE = 'benchRoundTrips';
