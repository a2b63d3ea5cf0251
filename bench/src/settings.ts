/** Knobs, from `BENCH_*` variables; the defaults keep one run under ~6 minutes on 2 cores. */
export interface BenchSettings {
  /** Paced phases, requests per second each. */
  rates: number[];
  rateSeconds: number;
  saturationSeconds: number;
  /** Concurrent requests (keep-alive connections) at saturation, and concurrent starts of the limit loop. */
  connections: number;
  /** Connections for the paced phases: enough that pacing, not waiting, sets the rate. */
  rateConnections: number;
  endToEndRuns: number;
  /** Restart the server under `--cpu-prof` for one more saturation run, and summarise where its time went. */
  profile: boolean;
  profileSeconds: number;
  /** `LOG_LEVEL` of the server and the worker: `info` is what production runs. */
  logLevel: string;
  /** Keep the temporary directory (service logs, the `.cpuprofile`) after a successful run. */
  keep: boolean;
}

export function benchSettings(env: NodeJS.ProcessEnv = process.env): BenchSettings {
  return {
    rates: (env.BENCH_RATES ?? '50,100,200,400').split(',').map((rate) => positive('BENCH_RATES', rate)),
    rateSeconds: positive('BENCH_RATE_SECONDS', env.BENCH_RATE_SECONDS ?? '10'),
    saturationSeconds: positive('BENCH_SATURATION_SECONDS', env.BENCH_SATURATION_SECONDS ?? '15'),
    connections: positive('BENCH_CONNECTIONS', env.BENCH_CONNECTIONS ?? '16'),
    rateConnections: positive('BENCH_RATE_CONNECTIONS', env.BENCH_RATE_CONNECTIONS ?? '64'),
    endToEndRuns: positive('BENCH_E2E_RUNS', env.BENCH_E2E_RUNS ?? '500'),
    profile: (env.BENCH_PROFILE ?? '1') !== '0',
    profileSeconds: positive('BENCH_PROFILE_SECONDS', env.BENCH_PROFILE_SECONDS ?? '10'),
    logLevel: env.BENCH_LOG_LEVEL ?? 'info',
    keep: env.BENCH_KEEP === '1',
  };
}

function positive(name: string, value: string): number {
  const number = Number(value.trim());
  if (!Number.isFinite(number) || number <= 0) throw new Error(`${name}: "${value}" is not a positive number`);
  return number;
}
