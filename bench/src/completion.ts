import { performance } from 'node:perf_hooks';
import type { Client } from '@temporalio/client';

export interface Completion {
  completed: number;
  failed: number;
  /** Closed otherwise: terminated, timed out, cancelled. */
  otherClosed: number;
  /** From `since` until every expected run had closed (or the timeout). */
  seconds: number;
}

const POLL_MS = 200;

/**
 * Polls Temporal's visibility until `expected` runs matching `query` have closed. One count per poll (closed
 * runs), the split by status only at the end: each count is work for Temporal, measured with the phase.
 */
export async function waitForClosedRuns(options: {
  client: Client;
  query: string;
  expected: number;
  since: number;
  timeoutMs: number;
  what: string;
}): Promise<Completion> {
  const { client, query } = options;
  const count = async (status: string) => (await client.workflow.count(`${query} AND ${status}`)).count;
  let closed = 0;
  while (performance.now() - options.since < options.timeoutMs) {
    closed = await count(`ExecutionStatus != 'Running'`);
    if (closed >= options.expected) break;
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
  const seconds = (performance.now() - options.since) / 1000;
  if (closed < options.expected) {
    throw new Error(
      `${options.what}: only ${closed} of ${options.expected} runs closed within ${options.timeoutMs / 1000} s`,
    );
  }
  const [completed, failed] = await Promise.all([
    count(`ExecutionStatus = 'Completed'`),
    count(`ExecutionStatus = 'Failed'`),
  ]);
  return { completed, failed, otherClosed: closed - completed - failed, seconds };
}
