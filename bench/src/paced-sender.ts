import http from 'node:http';
import { performance } from 'node:perf_hooks';
import type { LoadResult } from './load';
import { latencySummary, PEAK_WINDOW_SECONDS, RateMeter, round1 } from './stats';

export interface PacedOptions {
  url: string;
  headers: Record<string, string>;
  body: string;
  ratePerSecond: number;
  durationMs: number;
  /** Keep-alive connections at most; requests beyond wait for one (their latency counts the wait). */
  maxSockets: number;
  requestHeaders?: (n: number) => Record<string, string>;
  timeoutMs?: number;
}

export interface PacedRequest {
  n: number;
  /** Wall-clock milliseconds (epoch, sub-millisecond), comparable with Temporal's timestamps on this machine. */
  sentAt: number;
  answeredAt: number;
  status: number | 'error';
}

export interface PacedRun {
  requests: PacedRequest[];
  durationS: number;
  /** How late the sender was on its schedule at worst (its own event loop busy): should be a few ms. */
  maxLagMs: number;
}

const wallNow = () => performance.timeOrigin + performance.now();

/**
 * Open-loop load at an even pace: request `n` leaves at `n / rate` seconds whatever earlier answers do, so a
 * slow server shows as latency, not as a lower rate. (Autocannon's `overallRate` sends each second's quota
 * as soon as the second starts: bursts.) Latency runs from the scheduled send to the last byte of the answer.
 */
export async function sendPaced(options: PacedOptions): Promise<PacedRun> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: options.maxSockets });
  const total = Math.round((options.ratePerSecond * options.durationMs) / 1000);
  const intervalMs = 1000 / options.ratePerSecond;
  const requests: PacedRequest[] = [];
  const pending: Array<Promise<void>> = [];
  let maxLagMs = 0;
  const start = performance.now();
  try {
    for (let n = 0; n < total; n++) {
      const due = start + n * intervalMs;
      const wait = due - performance.now();
      if (wait >= 1) await new Promise((resolve) => setTimeout(resolve, wait));
      maxLagMs = Math.max(maxLagMs, performance.now() - due);
      pending.push(send(options, agent, n).then((request) => void requests.push(request)));
    }
    await Promise.all(pending);
  } finally {
    agent.destroy();
  }
  return {
    requests: requests.sort((a, b) => a.n - b.n),
    durationS: round1((performance.now() - start) / 1000),
    maxLagMs: round1(maxLagMs),
  };
}

function send(options: PacedOptions, agent: http.Agent, n: number): Promise<PacedRequest> {
  const sentAt = wallNow();
  return new Promise((resolve) => {
    const done = (status: number | 'error') => resolve({ n, sentAt, answeredAt: wallNow(), status });
    const request = http.request(
      options.url,
      {
        method: 'POST',
        agent,
        timeout: options.timeoutMs ?? 30_000,
        headers: {
          ...options.headers,
          ...options.requestHeaders?.(n),
          'content-length': String(Buffer.byteLength(options.body)),
        },
      },
      (response) => {
        response.resume();
        response.once('end', () => done(response.statusCode ?? 0));
        response.once('error', () => done('error'));
      },
    );
    request.once('timeout', () => request.destroy(new Error('timeout')));
    request.once('error', () => done('error'));
    request.end(options.body);
  });
}

/** The paced run in the shape of the other acceptance phases (`LoadResult`). */
export function pacedLoadResult(
  run: PacedRun,
  options: Pick<PacedOptions, 'ratePerSecond' | 'maxSockets'>,
): LoadResult {
  const statuses: Record<string, number> = {};
  const first = run.requests[0]?.sentAt ?? 0;
  const meter = new RateMeter(first);
  let ok = 0;
  for (const request of run.requests) {
    statuses[String(request.status)] = (statuses[String(request.status)] ?? 0) + 1;
    if (typeof request.status === 'number' && request.status >= 200 && request.status < 300) {
      ok++;
      meter.tick(request.answeredAt);
    }
  }
  return {
    targetRate: options.ratePerSecond,
    connections: options.maxSockets,
    durationS: run.durationS,
    requests: run.requests.length,
    throughput: run.durationS > 0 ? round1(ok / run.durationS) : 0,
    peakThroughput: meter.peak(PEAK_WINDOW_SECONDS),
    latencyMs: latencySummary(run.requests.map((request) => request.answeredAt - request.sentAt)),
    statuses,
    non2xx: run.requests.length - ok,
  };
}
