/**
 * How long and how hard each fault runs. `full` is the fault model as promised (30 s outages, several kills);
 * `short` is one pass of each fault sized for CI (about 3 minutes on 2 cores), with shorter outages and stalls.
 */
export interface Profile {
  name: 'full' | 'short';
  /** Concurrent senders per phase. */
  senders: number;
  thinkMs: number;
  /** Load before the fault is injected. */
  warmupMs: number;
  /** Load kept up after recovery. */
  afterMs: number;
  /** Temporal or the database stopped this long. */
  outageMs: number;
  /** Temporal or the database stalled (SIGSTOP) this long. */
  stallMs: number;
  /** SIGKILLs per kill fault, at random moments. */
  kills: number;
  /** Random spread of the kills, after the warm-up. */
  killSpreadMs: number;
  /** A supervisor's restart delay after a kill. */
  restartDelayMs: number;
  /** A fault not recovered from within this after it ended is a violation. */
  recoveryTimeoutMs: number;
  /** Runs of 2xx deliveries must have completed within this after the load stopped. */
  completionTimeoutMs: number;
  /** Retries still going on when the load stops get this long to succeed. */
  drainMs: number;
  /** Senders honour `Retry-After` up to this. */
  maxRetryDelayMs: number;
  /** Deliveries sent to both servers at once. */
  duplicatePairs: number;
}

export const PROFILES: Record<Profile['name'], Profile> = {
  full: {
    name: 'full',
    senders: 6,
    thinkMs: 20,
    warmupMs: 5_000,
    afterMs: 5_000,
    outageMs: 30_000,
    stallMs: 20_000,
    kills: 3,
    killSpreadMs: 6_000,
    restartDelayMs: 1_000,
    recoveryTimeoutMs: 60_000,
    completionTimeoutMs: 120_000,
    drainMs: 30_000,
    maxRetryDelayMs: 5_000,
    duplicatePairs: 20,
  },
  short: {
    name: 'short',
    senders: 3,
    thinkMs: 30,
    warmupMs: 1_500,
    afterMs: 1_000,
    outageMs: 6_000,
    stallMs: 6_000,
    kills: 1,
    killSpreadMs: 2_000,
    restartDelayMs: 500,
    recoveryTimeoutMs: 30_000,
    completionTimeoutMs: 60_000,
    drainMs: 20_000,
    maxRetryDelayMs: 2_000,
    duplicatePairs: 5,
  },
};
