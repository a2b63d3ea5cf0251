import { WorkflowNotFoundError, type Client, type WorkflowHandle } from '@temporalio/client';
import { HookflowError } from '@hookflow/sdk';
import { callTemporal } from '../temporal/unavailable';
import { eventsSignal, type RunEvent } from '../interpreter/definitions';
import { assertHookflowRun } from './read-execution';

/** Delivers an event to a run's `wait` nodes (docs/node-types.md). 404 unknown, 409 when the run is closed. */
export async function sendExecutionEvent(client: Client, executionId: string, event: RunEvent): Promise<void> {
  const handle = client.workflow.getHandle(executionId);
  await withExecutionErrors(executionId, async () => {
    await assertRunning(handle, executionId);
    await handle.signal(eventsSignal, event);
  });
}

/**
 * Requests cancellation: running nodes are cancelled and the run ends `cancelled`. 404 unknown, 409 when the
 * run is closed (Temporal itself accepts, and ignores, the cancellation of a closed run).
 */
export async function cancelExecution(client: Client, executionId: string): Promise<void> {
  const handle = client.workflow.getHandle(executionId);
  await withExecutionErrors(executionId, async () => {
    await assertRunning(handle, executionId);
    await handle.cancel();
  });
}

async function assertRunning(handle: WorkflowHandle, executionId: string): Promise<void> {
  const description = await handle.describe();
  assertHookflowRun(description.type, executionId);
  if (description.status.name !== 'RUNNING') {
    throw new HookflowError(
      'execution_closed',
      `Execution ${executionId} is ${description.status.name.toLowerCase()}`,
      { status: 409 },
    );
  }
}

async function withExecutionErrors(executionId: string, call: () => Promise<void>): Promise<void> {
  try {
    await callTemporal('control run', call);
  } catch (error) {
    if (error instanceof WorkflowNotFoundError) {
      throw new HookflowError('execution_not_found', `No execution ${executionId}`, { status: 404 });
    }
    // Signalling a run that closed between describe and signal.
    if (error instanceof Error && /already completed|not running/i.test(error.message)) {
      throw new HookflowError('execution_closed', `Execution ${executionId} is closed`, { status: 409 });
    }
    throw error;
  }
}
