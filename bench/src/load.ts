import autocannon from 'autocannon';
import { performance } from 'node:perf_hooks';
import { latencySummary, PEAK_WINDOW_SECONDS, RateMeter, type LatencySummary } from './stats';

export interface LoadOptions {
  url: string;
  headers: Record<string, string>;
  body: string;
  connections: number;
  durationMs: number;
  ratePerSecond?: number;
  /** Header value per request (e.g. a distinct `Idempotency-Key`). */
  requestHeaders?: (n: number) => Record<string, string>;
  /** Stop after this many requests were sent, whatever the duration. */
  maxRequests?: number;
}

export interface LoadResult {
  targetRate: number | null;
  connections: number;
  durationS: number;
  requests: number;
  /** 2xx answers per second over the whole run. */
  throughput: number;
  /** 2xx answers per second over the phase's best 5 s (see `RateMeter`). */
  peakThroughput: number;
  latencyMs: LatencySummary;
  /** Answers by status code, plus `error` for requests that got no answer. */
  statuses: Record<string, number>;
  non2xx: number;
}

/**
 * Load through autocannon (keep-alive connections, `overallRate` pacing). Without `ratePerSecond` each
 * connection sends as soon as its previous answer arrived (saturation); with it, a server slower than the
 * rate shows as throughput below the target. Latencies are taken per response, because autocannon's own
 * histogram has no p95.
 */
export async function runLoad(options: LoadOptions): Promise<LoadResult> {
  const latencies: number[] = [];
  const statuses: Record<string, number> = {};
  let ok = 0;
  let n = 0;
  const start = performance.now();
  const meter = new RateMeter(start);

  const instance = autocannon({
    url: options.url,
    method: 'POST',
    connections: options.connections,
    duration: options.durationMs / 1000,
    ...(options.ratePerSecond ? { overallRate: options.ratePerSecond } : {}),
    ...(options.maxRequests !== undefined ? { amount: options.maxRequests } : {}),
    headers: options.headers,
    body: options.body,
    requests: [
      {
        setupRequest: (request) => ({ ...request, headers: { ...request.headers, ...options.requestHeaders?.(n++) } }),
      },
    ],
  });
  // Autocannon emits every answer as (client, statusCode, bytes, milliseconds); the typings omit the client.
  (instance as unknown as NodeJS.EventEmitter).on(
    'response',
    (_client: unknown, statusCode: number, _bytes: number, ms: number) => {
      latencies.push(ms);
      statuses[String(statusCode)] = (statuses[String(statusCode)] ?? 0) + 1;
      if (statusCode >= 200 && statusCode < 300) {
        ok++;
        meter.tick(performance.now());
      }
    },
  );
  const result = await instance;
  const errors = result.errors + result.timeouts;
  if (errors > 0) statuses.error = errors;
  const durationS = (performance.now() - start) / 1000;

  const requests = latencies.length + errors;
  return {
    targetRate: options.ratePerSecond ?? null,
    connections: options.connections,
    durationS: round(durationS, 2),
    requests,
    throughput: round(ok / durationS, 1),
    peakThroughput: meter.peak(PEAK_WINDOW_SECONDS),
    latencyMs: latencySummary(latencies),
    statuses,
    non2xx: requests - ok,
  };
}

function round(value: number, digits: number): number {
  const factor = 10 ** digits;
  return Math.round(value * factor) / factor;
}
