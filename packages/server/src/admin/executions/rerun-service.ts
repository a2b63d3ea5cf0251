import { randomUUID } from 'node:crypto';
import { readExecution } from '@hookflow/engine';
import { HookflowError } from '@hookflow/sdk';
import { startWorkflowExecution } from '../../executions/start-workflow-execution';
import { invalidRequest } from '../../http/invalid-request';
import { objectBody, onlyFields } from '../../http/request-input';
import type { ServerContext } from '../../server-context';

/** An admin request waits this long for Temporal before answering 503 `unavailable`. */
const TEMPORAL_TIMEOUT_MS = 5000;
const VERSIONS = ['original', 'current'] as const;

/**
 * `POST /executions/:id/rerun {version?}`: a new run with the original's trigger type and payload, on the
 * version the original ran (default) or the workflow's current one. Its memo and API name the original
 * (`rerunOf`); its delivery key is `rerun-<uuid>`. A disabled or deleted workflow is refused, as a manual run
 * would be.
 */
export class RerunService {
  constructor(private readonly ctx: Pick<ServerContext, 'config' | 'store' | 'temporal'>) {}

  async rerun(executionId: string, body: unknown): Promise<{ executionId: string }> {
    const input = objectBody(body, { optional: true });
    onlyFields(input, ['version']);
    const which = input.version ?? 'original';
    if (!VERSIONS.includes(which as (typeof VERSIONS)[number])) {
      throw invalidRequest('/version', `must be one of ${VERSIONS.join(', ')}`);
    }
    const { client } = this.ctx.temporal;
    const original = await client.withDeadline(Date.now() + TEMPORAL_TIMEOUT_MS, () =>
      readExecution(client, executionId, {
        uiUrl: this.ctx.config.temporalUiUrl,
        namespace: this.ctx.config.temporalNamespace,
      }),
    );
    const workflow = await this.ctx.store.workflows.getWorkflow(
      original.workflowId,
      which === 'original' ? original.version : undefined,
    );
    if (!workflow.enabled) {
      throw new HookflowError('workflow_disabled', `Workflow ${workflow.id} is disabled; enable it to re-run`, {
        status: 409,
      });
    }
    const started = await startWorkflowExecution(
      this.ctx,
      { workflow, graph: workflow.definition },
      { type: original.trigger.type, deliveryKey: `rerun-${randomUUID()}`, payload: original.trigger.payload },
      { rerunOf: executionId },
    );
    return { executionId: started.executionId };
  }
}
