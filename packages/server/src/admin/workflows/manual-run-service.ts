import { randomUUID } from 'node:crypto';
import { startRun } from '@hookflow/engine';
import { HttpError } from '../../http/http-error';
import { objectBody, onlyFields } from '../../http/request-input';
import type { ServerContext } from '../../server-context';
import { assertPayloadMatches } from './payload-check';

/** The trigger type a manual run records in `$trigger`'s execution and the Temporal search attributes. */
export const MANUAL_TRIGGER_TYPE = 'manual';

/**
 * `POST /workflows/:id/runs {payload}`: runs the current version now, bypassing the trigger's auth (no key, no
 * signature) but not the `inputSchema`; `payload` is what a sender would deliver (for the generic trigger, the
 * body). A disabled workflow is refused with 409 `workflow_disabled`, as its
 * webhook would be. A missing `payload` is `{}`.
 */
export class ManualRunService {
  constructor(private readonly ctx: Pick<ServerContext, 'config' | 'store' | 'temporal' | 'registry'>) {}

  async start(workflowId: string, body: unknown): Promise<{ executionId: string }> {
    const input = objectBody(body, { optional: true });
    onlyFields(input, ['payload']);
    const payload = input.payload === undefined ? {} : input.payload;
    const workflow = await this.ctx.store.workflows.getWorkflow(workflowId);
    if (!workflow.enabled) {
      throw new HttpError(409, 'workflow_disabled', `Workflow ${workflowId} is disabled; enable it to run it`);
    }
    const { definition } = workflow;
    // The trigger shapes `$trigger` as a delivery would (the generic trigger wraps the payload as `body`).
    const shaped = this.ctx.registry.trigger(definition.trigger.type)?.manualEvent?.(payload, new Date());
    assertPayloadMatches(definition.inputSchema, shaped ? (shaped.input ?? shaped.payload) : payload, workflow);
    const { executionId } = await startRun(this.ctx.temporal.client, this.ctx.config.taskQueue, {
      workflow: { id: workflow.id, name: workflow.name, version: workflow.version },
      graph: { nodes: definition.nodes, edges: definition.edges },
      trigger: {
        type: MANUAL_TRIGGER_TYPE,
        deliveryKey: `manual-${randomUUID()}`,
        payload: shaped?.payload ?? payload,
      },
    });
    return { executionId };
  }
}
