import { randomUUID } from 'node:crypto';
import { HookflowError } from '@hookflow/sdk';
import { assertInputMatches } from '@hookflow/sdk/pipeline';
import { startWorkflowExecution } from '../../executions/start-workflow-execution';
import { boundedNesting, objectBody, onlyFields } from '../../http/request-input';
import type { ServerContext } from '../../server-context';

/** The trigger type a manual run records in `$trigger`'s execution and the Temporal search attributes. */
export const MANUAL_TRIGGER_TYPE = 'manual';

/**
 * `POST /workflows/:id/runs {payload}`: runs the current version now, bypassing the trigger's auth (no key, no
 * signature) but not the `inputSchema`; `payload` is what a sender would deliver (for the generic trigger, the
 * body). A disabled workflow is refused with 409 `workflow_disabled`, as its webhook would be. A missing
 * `payload` is `{}`.
 */
export class ManualRunService {
  constructor(private readonly ctx: Pick<ServerContext, 'config' | 'store' | 'temporal' | 'registry'>) {}

  async start(workflowId: string, body: unknown): Promise<{ executionId: string }> {
    const input = objectBody(body, { optional: true });
    onlyFields(input, ['payload']);
    const payload = input.payload === undefined ? {} : boundedNesting(input.payload, '/payload');
    const workflow = await this.ctx.store.workflows.getWorkflow(workflowId);
    if (!workflow.enabled) {
      throw new HookflowError('workflow_disabled', `Workflow ${workflowId} is disabled; enable it to run it`, {
        status: 409,
      });
    }
    const { definition } = workflow;
    // The trigger shapes `$trigger` as a delivery would (the generic trigger wraps the payload as `body`).
    const shaped = this.ctx.registry.trigger(definition.trigger.type)?.manualEvent?.(payload, new Date());
    assertInputMatches(definition.inputSchema, shaped ? (shaped.input ?? shaped.payload) : payload);
    const { executionId } = await startWorkflowExecution(
      this.ctx,
      { workflow, graph: definition },
      { type: MANUAL_TRIGGER_TYPE, deliveryKey: `manual-${randomUUID()}`, payload: shaped?.payload ?? payload },
    );
    return { executionId };
  }
}
