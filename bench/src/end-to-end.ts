import { performance } from 'node:perf_hooks';
import type { Client } from '@temporalio/client';
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

const POLL_MS = 200;

/**
 * Sends `runs` webhooks as fast as `connections` allow, then counts the workflow's runs that Temporal's
 * visibility reports Completed until every accepted one is. The workflow must be this phase's alone.
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

  const count = async (status: string) =>
    (await client.workflow.count(`HookflowWorkflowId = '${workflowId}' AND ExecutionStatus = '${status}'`)).count;
  let completed = 0;
  let failed = 0;
  while (performance.now() - start < timeoutMs) {
    [completed, failed] = await Promise.all([count('Completed'), count('Failed')]);
    if (completed + failed >= accepted) break;
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
  const seconds = (performance.now() - start) / 1000;
  if (completed + failed < accepted) {
    throw new Error(`end to end: only ${completed} of ${accepted} runs completed within ${timeoutMs / 1000} s`);
  }
  return {
    runs,
    accepted,
    completed,
    failed,
    seconds: round1(seconds),
    runsPerSecond: round1(completed / seconds),
    acceptSeconds: round1(acceptSeconds),
    accept,
  };
}
