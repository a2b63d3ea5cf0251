import type { RoundTripShape } from './limit/round-trip-shape';

/** Knobs, from `BENCH_*` variables; the defaults keep one run around 6 minutes on 2 cores. */
export interface BenchSettings {
  /** Runs end to end before anything is measured (JIT, caches, connections). */
  warmUpRuns: number;
  /** The end-to-end phase: webhooks fired as fast as accepted, timed until all runs completed. */
  endToEndRuns: number;
  /** The "Temporal limit, end to end" phase: bare workflows with the same round trips. */
  limitRuns: number;
  /** Completed runs whose histories are read for the events and tasks per run. */
  historySample: number;
  /**
   * `workflowTasks,activityTasks,localActivities` for the limit workflow instead of the counts from the bench
   * graph's histories: what would Temporal do with that many round trips? Its ratio is then not the goal's.
   */
  limitShape: RoundTripShape | null;
  /** The sustained phase: evenly spaced webhooks at this rate, for this long, with the worker running. */
  sustainedRate: number;
  sustainedSeconds: number;
  /** How long to wait after the sustained phase's last request for its runs to complete. */
  sustainedDrainSeconds: number;
  /** Paced acceptance phases, requests per second each (evenly spaced, worker stopped). */
  rates: number[];
  rateSeconds: number;
  saturationSeconds: number;
  /** Concurrent requests (keep-alive connections) at saturation and end to end; concurrent starts of the loops. */
  connections: number;
  /** Connections at most for the paced phases: enough that pacing, not waiting, sets the rate. */
  rateConnections: number;
  /**
   * Profile under `--cpu-prof`: the worker (both threads) over more runs end to end after the sustained
   * phase, and the server over one more saturation run; summarise where their time went.
   */
  profile: boolean;
  profileSeconds: number;
  /** Runs end to end of the worker's profile. */
  workerProfileRuns: number;
  /** `LOG_LEVEL` of the server and the worker: `info` is what production runs. */
  logLevel: string;
  /** Keep the temporary directory (service logs, Temporal's SQLite file, the `.cpuprofile`) after a run. */
  keep: boolean;
}

/** `BENCH_SHORT=1`: every phase shortened (about 2 minutes), to try a change; the goals need the full run. */
const SHORT: Record<string, string> = {
  BENCH_WARMUP_RUNS: '100',
  BENCH_E2E_RUNS: '300',
  BENCH_SUSTAINED_SECONDS: '15',
  BENCH_SUSTAINED_DRAIN_SECONDS: '15',
  BENCH_RATES: '100',
  BENCH_RATE_SECONDS: '3',
  BENCH_SATURATION_SECONDS: '5',
  BENCH_PROFILE: '0',
};

export function benchSettings(given: NodeJS.ProcessEnv = process.env): BenchSettings {
  const env = given.BENCH_SHORT === '1' ? { ...SHORT, ...given } : given;
  const endToEndRuns = positive('BENCH_E2E_RUNS', env.BENCH_E2E_RUNS ?? '2000');
  return {
    warmUpRuns: positive('BENCH_WARMUP_RUNS', env.BENCH_WARMUP_RUNS ?? '200'),
    endToEndRuns,
    limitRuns: positive('BENCH_LIMIT_RUNS', env.BENCH_LIMIT_RUNS ?? String(endToEndRuns)),
    historySample: positive('BENCH_HISTORY_SAMPLE', env.BENCH_HISTORY_SAMPLE ?? '20'),
    limitShape: env.BENCH_LIMIT_SHAPE ? shapeOf(env.BENCH_LIMIT_SHAPE) : null,
    sustainedRate: positive('BENCH_SUSTAINED_RATE', env.BENCH_SUSTAINED_RATE ?? '60'),
    sustainedSeconds: positive('BENCH_SUSTAINED_SECONDS', env.BENCH_SUSTAINED_SECONDS ?? '60'),
    sustainedDrainSeconds: positive('BENCH_SUSTAINED_DRAIN_SECONDS', env.BENCH_SUSTAINED_DRAIN_SECONDS ?? '30'),
    rates: (env.BENCH_RATES ?? '50,100,200,400').split(',').map((rate) => positive('BENCH_RATES', rate)),
    rateSeconds: positive('BENCH_RATE_SECONDS', env.BENCH_RATE_SECONDS ?? '5'),
    saturationSeconds: positive('BENCH_SATURATION_SECONDS', env.BENCH_SATURATION_SECONDS ?? '15'),
    connections: positive('BENCH_CONNECTIONS', env.BENCH_CONNECTIONS ?? '16'),
    rateConnections: positive('BENCH_RATE_CONNECTIONS', env.BENCH_RATE_CONNECTIONS ?? '64'),
    profile: (env.BENCH_PROFILE ?? '1') !== '0',
    profileSeconds: positive('BENCH_PROFILE_SECONDS', env.BENCH_PROFILE_SECONDS ?? '10'),
    workerProfileRuns: positive('BENCH_WORKER_PROFILE_RUNS', env.BENCH_WORKER_PROFILE_RUNS ?? '600'),
    logLevel: env.BENCH_LOG_LEVEL ?? 'info',
    keep: env.BENCH_KEEP === '1',
  };
}

function shapeOf(value: string): RoundTripShape {
  const counts = value.split(',').map((count) => Number(count.trim()));
  const [workflowTasks, activityTasks, localActivities] = counts;
  if (
    counts.length !== 3 ||
    workflowTasks === undefined ||
    activityTasks === undefined ||
    localActivities === undefined ||
    counts.some((count) => !Number.isInteger(count) || count < 0) ||
    workflowTasks < 1
  ) {
    throw new Error(
      `BENCH_LIMIT_SHAPE: "${value}" is not "workflow tasks,activity tasks,local activities" (e.g. 3,2,0)`,
    );
  }
  return { workflowTasks, activityTasks, localActivities };
}

function positive(name: string, value: string): number {
  const number = Number(value.trim());
  if (!Number.isFinite(number) || number <= 0) throw new Error(`${name}: "${value}" is not a positive number`);
  return number;
}
