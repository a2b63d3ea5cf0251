import { WorkflowFailedError, WorkflowNotFoundError, type Client } from '@temporalio/client';
import { HookflowError } from '@hookflow/sdk';
import { callTemporal } from '../temporal/unavailable';
import { RUN_GRAPH_WORKFLOW_TYPE, runQuery, type NodeMap, type RunGraphInput } from '../interpreter/definitions';

export type ExecutionStatus = 'running' | 'completed' | 'failed' | 'cancelled' | 'terminated' | 'timed_out';

/** An execution as the API shows it (docs/executions.md). */
export interface Execution {
  executionId: string;
  runId: string;
  workflowId: string;
  version: number;
  status: ExecutionStatus;
  trigger: RunGraphInput['trigger'];
  nodes: NodeMap;
  error?: { message: string };
  startedAt: string;
  closedAt?: string;
  temporalUiUrl: string;
  /** The execution this one re-runs (`POST /executions/:id/rerun`). */
  rerunOf?: string;
}

const STATUS: Record<string, ExecutionStatus> = {
  RUNNING: 'running',
  COMPLETED: 'completed',
  FAILED: 'failed',
  CANCELLED: 'cancelled',
  TERMINATED: 'terminated',
  TIMED_OUT: 'timed_out',
  CONTINUED_AS_NEW: 'completed',
};

export function executionStatusOf(temporalStatus: string): ExecutionStatus {
  return STATUS[temporalStatus] ?? 'running';
}

/** Deep link to the run in the Temporal Web UI. */
export function temporalUiUrlOf(uiUrl: string, namespace: string, executionId: string, runId?: string): string {
  const base = `${uiUrl}/namespaces/${encodeURIComponent(namespace)}/workflows/${encodeURIComponent(executionId)}`;
  return runId ? `${base}/${encodeURIComponent(runId)}/history` : base;
}

/** Reads one execution from Temporal: its description, and its node map through the `run` query. */
export async function readExecution(
  client: Client,
  executionId: string,
  ui: { uiUrl: string; namespace: string },
): Promise<Execution> {
  const handle = client.workflow.getHandle(executionId);
  try {
    return await callTemporal('read execution', async () => {
      const description = await handle.describe();
      assertHookflowRun(description.type, executionId);
      const run = await handle.query(runQuery);
      const status = executionStatusOf(description.status.name);
      const rerunOf = description.memo?.rerunOf;
      let error: Execution['error'];
      if (status === 'failed') {
        error = await handle.result().then(
          () => undefined,
          (failure: unknown) => ({ message: failureMessage(failure) }),
        );
      }
      return {
        executionId,
        runId: description.runId,
        workflowId: run.workflow.id,
        version: run.workflow.version,
        status,
        trigger: run.trigger,
        nodes: run.nodes,
        ...(error ? { error } : {}),
        startedAt: description.startTime.toISOString(),
        ...(description.closeTime ? { closedAt: description.closeTime.toISOString() } : {}),
        temporalUiUrl: temporalUiUrlOf(ui.uiUrl, ui.namespace, executionId, description.runId),
        ...(typeof rerunOf === 'string' ? { rerunOf } : {}),
      };
    });
  } catch (error) {
    if (error instanceof WorkflowNotFoundError) {
      throw new HookflowError('execution_not_found', `No execution ${executionId}`, { status: 404 });
    }
    throw error;
  }
}

function failureMessage(failure: unknown): string {
  if (failure instanceof WorkflowFailedError && failure.cause) return failure.cause.message;
  return failure instanceof Error ? failure.message : String(failure);
}

/** Temporal workflows of other types share the namespace: they are not executions of Hookflow (404). */
export function assertHookflowRun(workflowType: string, executionId: string): void {
  if (workflowType !== RUN_GRAPH_WORKFLOW_TYPE) {
    throw new HookflowError('execution_not_found', `No execution ${executionId}`, { status: 404 });
  }
}
