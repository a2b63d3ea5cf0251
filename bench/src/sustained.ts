import { performance } from 'node:perf_hooks';
import type { Client } from '@temporalio/client';
import type { LoadResult } from './load';
import { pacedLoadResult, sendPaced, type PacedOptions } from './paced-sender';
import { latencySummary, round1, type LatencySummary } from './stats';

/** Open runs rising faster than this over the second half of the phase (least squares) is a growing backlog. */
export const BACKLOG_GROWTH_LIMIT_PER_SECOND = 1;
const SAMPLE_MS = 2000;

export interface SustainedResult {
  ratePerSecond: number;
  sendSeconds: number;
  sent: number;
  accepted: number;
  completed: number;
  failed: number;
  /** Accepted runs still open when the bench stopped waiting: every latency below is then a lower bound. */
  incomplete: number;
  /** From the last request until every accepted run had closed (or the wait ended). */
  drainSeconds: number;
  accept: LoadResult;
  /** From the 202 to the run's close time in Temporal: what the goal is about. */
  acceptToCompletedMs: LatencySummary;
  /** From the request leaving the sender to the run's close time. */
  sendToCompletedMs: LatencySummary;
  /** Temporal's own start → close time of each run (no HTTP, no clocks compared). */
  temporalStartToCloseMs: LatencySummary;
  backlog: {
    /** Runs accepted and not yet closed (visibility's `Running`), every 2 s from the first request. */
    samples: Array<{ atS: number; open: number }>;
    /** Least-squares slope of `open` over the second half of the sending, in runs per second. */
    slopePerSecond: number;
    growing: boolean;
    peak: number;
  };
  senderMaxLagMs: number;
}

/**
 * A sustained paced load: `ratePerSecond` evenly spaced webhooks for `durationMs`, with the worker running.
 * Samples the open runs meanwhile, waits up to `drainTimeoutMs` after the last request for the rest, then
 * takes each run's close time from Temporal's visibility. The workflow must be this phase's alone.
 */
export async function runSustained(options: {
  send: Omit<PacedOptions, 'requestHeaders'>;
  /** The delivery key of request `n`: the run's id is `<workflowId>:<key>`. */
  deliveryKeyOf: (n: number) => string;
  client: Client;
  workflowId: string;
  drainTimeoutMs: number;
}): Promise<SustainedResult> {
  const { client, workflowId } = options;
  const base = `HookflowWorkflowId = '${workflowId}'`;
  const open = async () => (await client.workflow.count(`${base} AND ExecutionStatus = 'Running'`)).count;
  const samples: Array<{ atS: number; open: number }> = [];
  const start = performance.now();
  const sample = async () => samples.push({ atS: round1((performance.now() - start) / 1000), open: await open() });

  let sending = true;
  const sampler = (async () => {
    while (sending) {
      await new Promise((resolve) => setTimeout(resolve, SAMPLE_MS - ((performance.now() - start) % SAMPLE_MS)));
      if (sending) await sample();
    }
  })();
  const run = await sendPaced({
    ...options.send,
    requestHeaders: (n) => ({ 'idempotency-key': options.deliveryKeyOf(n) }),
  });
  sending = false;
  await sampler;
  const sendSeconds = (performance.now() - start) / 1000;

  // Drain: the runs still open once the last request was answered.
  const drainStart = performance.now();
  let stillOpen = await open();
  while (stillOpen > 0 && performance.now() - drainStart < options.drainTimeoutMs) {
    await new Promise((resolve) => setTimeout(resolve, 250));
    stillOpen = await open();
  }
  const drainSeconds = (performance.now() - drainStart) / 1000;

  const closed = new Map<string, { startTime: number; closeTime: number; status: string }>();
  for await (const info of client.workflow.list({ query: `${base} AND ExecutionStatus != 'Running'` })) {
    if (info.closeTime) {
      closed.set(info.workflowId, {
        startTime: info.startTime.getTime(),
        closeTime: info.closeTime.getTime(),
        status: info.status.name,
      });
    }
  }
  const acceptedRequests = run.requests.filter((r) => r.status === 202);
  const acceptToCompleted: number[] = [];
  const sendToCompleted: number[] = [];
  const startToClose: number[] = [];
  let completed = 0;
  let failed = 0;
  for (const request of acceptedRequests) {
    const runInfo = closed.get(`${workflowId}:${options.deliveryKeyOf(request.n)}`);
    if (!runInfo) continue;
    if (runInfo.status !== 'COMPLETED') {
      failed++;
      continue;
    }
    completed++;
    acceptToCompleted.push(runInfo.closeTime - request.answeredAt);
    sendToCompleted.push(runInfo.closeTime - request.sentAt);
    startToClose.push(runInfo.closeTime - runInfo.startTime);
  }

  const half = sendSeconds / 2;
  const slope = slopeOf(samples.filter((s) => s.atS >= half && s.atS <= sendSeconds));
  return {
    ratePerSecond: options.send.ratePerSecond,
    sendSeconds: round1(sendSeconds),
    sent: run.requests.length,
    accepted: acceptedRequests.length,
    completed,
    failed,
    incomplete: acceptedRequests.length - completed - failed,
    drainSeconds: round1(drainSeconds),
    accept: pacedLoadResult(run, options.send),
    acceptToCompletedMs: latencySummary(acceptToCompleted),
    sendToCompletedMs: latencySummary(sendToCompleted),
    temporalStartToCloseMs: latencySummary(startToClose),
    backlog: {
      samples,
      slopePerSecond: round1(slope),
      growing: slope > BACKLOG_GROWTH_LIMIT_PER_SECOND,
      peak: Math.max(0, ...samples.map((s) => s.open)),
    },
    senderMaxLagMs: run.maxLagMs,
  };
}

/** Least-squares slope of `open` over `atS`; 0 with fewer than two samples. */
function slopeOf(points: Array<{ atS: number; open: number }>): number {
  if (points.length < 2) return 0;
  const meanX = points.reduce((sum, p) => sum + p.atS, 0) / points.length;
  const meanY = points.reduce((sum, p) => sum + p.open, 0) / points.length;
  let numerator = 0;
  let denominator = 0;
  for (const p of points) {
    numerator += (p.atS - meanX) * (p.open - meanY);
    denominator += (p.atS - meanX) ** 2;
  }
  return denominator > 0 ? numerator / denominator : 0;
}
