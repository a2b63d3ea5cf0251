import { WorkflowNotFoundError, type Client, type WorkflowHandle } from '@temporalio/client';
import { HookflowError } from '../errors/hookflow-error';
import { callTemporal } from '../temporal/unavailable';
import { eventsSignal, type RunEvent } from '../workflows/definitions';
import { assertHookflowRun } from './read-run';

/** Delivers an event to a run's `wait` nodes (SPEC §5.3). 404 unknown, 409 when the run is closed. */
export async function sendRunEvent(client: Client, executionId: string, event: RunEvent): Promise<void> {
  const handle = client.workflow.getHandle(executionId);
  await withRunErrors(executionId, async () => {
    await assertRunning(handle, executionId);
    await handle.signal(eventsSignal, event);
  });
}

/**
 * Requests cancellation: running nodes are cancelled and the run ends `cancelled`. 404 unknown, 409 when the
 * run is closed (Temporal itself accepts, and ignores, the cancellation of a closed run).
 */
export async function cancelRun(client: Client, executionId: string): Promise<void> {
  const handle = client.workflow.getHandle(executionId);
  await withRunErrors(executionId, async () => {
    await assertRunning(handle, executionId);
    await handle.cancel();
  });
}

async function assertRunning(handle: WorkflowHandle, executionId: string): Promise<void> {
  const description = await handle.describe();
  assertHookflowRun(description.type, executionId);
  if (description.status.name !== 'RUNNING') {
    throw new HookflowError('execution_closed', `Execution ${executionId} is ${description.status.name.toLowerCase()}`);
  }
}

async function withRunErrors(executionId: string, call: () => Promise<void>): Promise<void> {
  try {
    await callTemporal('control run', call);
  } catch (error) {
    if (error instanceof WorkflowNotFoundError) {
      throw new HookflowError('execution_not_found', `No execution ${executionId}`);
    }
    // Signalling a run that closed between describe and signal.
    if (error instanceof Error && /already completed|not running/i.test(error.message)) {
      throw new HookflowError('execution_closed', `Execution ${executionId} is closed`);
    }
    throw error;
  }
}
