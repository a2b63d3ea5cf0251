import { performance } from 'node:perf_hooks';
import type { Client } from '@temporalio/client';
import { waitForClosedRuns } from './completion';
import { runLoad, type LoadOptions, type LoadResult } from './load';
import { round1 } from './stats';

export interface EndToEndResult {
  runs: number;
  accepted: number;
  completed: number;
  failed: number;
  /** From the first POST until the last accepted run had completed. */
  seconds: number;
  runsPerSecond: number;
  /** How long accepting all of them took, within `seconds`. */
  acceptSeconds: number;
  accept: LoadResult;
}

/**
 * Sends `runs` webhooks as fast as `connections` allow, then waits until Temporal's visibility reports every
 * accepted run of the workflow closed. The workflow must be this phase's alone.
 */
export async function runEndToEnd(
  load: Omit<LoadOptions, 'maxRequests' | 'ratePerSecond'>,
  runs: number,
  client: Client,
  workflowId: string,
  timeoutMs: number,
): Promise<EndToEndResult> {
  const start = performance.now();
  const accept = await runLoad({ ...load, maxRequests: runs });
  const acceptSeconds = (performance.now() - start) / 1000;
  const accepted = accept.requests - accept.non2xx;
  const done = await waitForClosedRuns({
    client,
    query: `HookflowWorkflowId = '${workflowId}'`,
    expected: accepted,
    since: start,
    timeoutMs,
    what: 'end to end',
  });
  return {
    runs,
    accepted,
    completed: done.completed,
    failed: done.failed + done.otherClosed,
    seconds: round1(done.seconds),
    runsPerSecond: round1(done.completed / done.seconds),
    acceptSeconds: round1(acceptSeconds),
    accept,
  };
}
