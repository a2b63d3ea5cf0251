import { WorkflowExecutionAlreadyStartedError, type Client } from '@temporalio/client';
import { callTemporal } from '../temporal/unavailable';
import { SEARCH_ATTRIBUTES } from '../temporal/search-attributes';
import { INTERPRETER_REVISION, RUN_GRAPH_WORKFLOW_TYPE, type RunGraphInput } from '../interpreter/definitions';
import { assertRunInputFits, isTemporalSizeRefusal, RunTooLargeError } from '../temporal/payload-limits';

export interface ExecutionStart {
  executionId: string;
  status: 'accepted' | 'duplicate';
}

/** docs/executions.md: the Temporal workflow id, so the same delivery key can never start a second run. */
export function executionIdOf(workflowId: string, deliveryKey: string): string {
  return `${workflowId}:${deliveryKey}`;
}

const START_DEADLINE_MS = 4000;

export interface StartExecutionOptions {
  /**
   * Deadline of the start call; default 4 s: a stalled Temporal is answered 503 within the 5 s promised,
   * with room for the lookups before the start.
   */
  timeoutMs?: number;
  /** The execution this one re-runs: recorded in the memo so both can be linked. */
  rerunOf?: string;
}

/**
 * The one way an execution starts (webhook deliveries, manual runs, re-runs). Durable and idempotent:
 * resolves `accepted` only once Temporal has recorded the run; a delivery key seen before resolves
 * `duplicate` (Temporal refuses the id, even after the first run closed).
 * An unreachable Temporal rejects with `UnavailableError` (code `unavailable`); an input too large for
 * Temporal with `RunTooLargeError` (413 `payload_too_large`).
 */
export async function startExecution(
  client: Client,
  taskQueue: string,
  input: RunGraphInput,
  options: StartExecutionOptions = {},
): Promise<ExecutionStart> {
  const { workflow, trigger } = input;
  const executionId = executionIdOf(workflow.id, trigger.deliveryKey);
  assertRunInputFits(input);
  try {
    await callTemporal('start run', () =>
      client.withDeadline(Date.now() + (options.timeoutMs ?? START_DEADLINE_MS), () =>
        client.workflow.start(RUN_GRAPH_WORKFLOW_TYPE, {
          taskQueue,
          workflowId: executionId,
          args: [{ ...input, interpreterRevision: INTERPRETER_REVISION }],
          workflowIdReusePolicy: 'REJECT_DUPLICATE',
          workflowIdConflictPolicy: 'FAIL',
          typedSearchAttributes: [
            { key: SEARCH_ATTRIBUTES.workflowId, value: workflow.id },
            { key: SEARCH_ATTRIBUTES.workflowName, value: workflow.name },
            { key: SEARCH_ATTRIBUTES.triggerType, value: trigger.type },
            { key: SEARCH_ATTRIBUTES.version, value: workflow.version },
          ],
          memo: {
            workflowId: workflow.id,
            workflowName: workflow.name,
            version: workflow.version,
            triggerType: trigger.type,
            deliveryKey: trigger.deliveryKey,
            ...(options.rerunOf !== undefined ? { rerunOf: options.rerunOf } : {}),
          },
          staticSummary: `${workflow.name} v${workflow.version} · ${trigger.type}`,
          staticDetails: [
            `**Hookflow workflow** ${workflow.name} (\`${workflow.id}\`), version ${workflow.version}`,
            `**Trigger** ${trigger.type}, delivery key \`${trigger.deliveryKey}\``,
            ...(options.rerunOf !== undefined ? [`**Re-run of** \`${options.rerunOf}\``] : []),
            `**Nodes** ${input.graph.nodes.map((n) => `${n.id} (${n.type})`).join(', ')}`,
          ].join('\n\n'),
        }),
      ),
    );
    return { executionId, status: 'accepted' };
  } catch (error) {
    if (error instanceof WorkflowExecutionAlreadyStartedError) return { executionId, status: 'duplicate' };
    if (isTemporalSizeRefusal(error)) throw new RunTooLargeError('Temporal refused the run for its size', error);
    throw error;
  }
}
