import { setTimeout as sleep } from 'node:timers/promises';
import type { ApiClient } from '../api/client';
import type { Execution } from '../api/types';
import { CliError } from '../errors';

const POLL_MS = 500;

/** Polls a run until it has ended; Ctrl-C or the timeout stop waiting (the run itself goes on). */
export async function waitForRun(
  api: ApiClient,
  executionId: string,
  timeoutSeconds: number,
  signal: AbortSignal,
): Promise<Execution> {
  const deadline = Date.now() + timeoutSeconds * 1000;
  const path = `/executions/${encodeURIComponent(executionId)}`;
  for (;;) {
    const execution = await api.get<Execution>(path);
    if (execution.status !== 'running') return execution;
    if (Date.now() >= deadline) {
      throw new CliError(`timeout: ${executionId} is still running after ${timeoutSeconds} s (it goes on)`);
    }
    try {
      await sleep(POLL_MS, undefined, { signal });
    } catch {
      throw new CliError(`interrupted: stopped waiting for ${executionId} (the run goes on)`, [], 130);
    }
  }
}

/** A waited-for run that did not complete fails the command, with its error. */
export function requireCompleted(execution: Execution): void {
  if (execution.status === 'completed') return;
  const reason = execution.error?.message ?? failedNodes(execution);
  throw new CliError(
    `run_${execution.status}: ${execution.executionId} ended ${execution.status}${reason ? `: ${reason}` : ''}`,
  );
}

function failedNodes(execution: Execution): string {
  return Object.entries(execution.nodes)
    .filter(([, node]) => node.status === 'failed')
    .map(([id, node]) => `${id}: ${node.error?.message ?? 'failed'}`)
    .join('; ');
}
