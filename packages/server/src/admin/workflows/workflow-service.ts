import { validateDefinition, type DeliveryRecord, type WorkflowDefinition } from '@hookflow/engine';
import { invalidRequest } from '../../http/http-error';
import { objectBody, onlyFields, type JsonObject } from '../../http/request-input';
import type { ServerContext } from '../../server-context';
import { loadDefinitionCatalog } from './definition-catalog';
import { invalidWorkflow, readWorkflowInput, withStoredSecrets } from './workflow-input';
import { WorkflowRenderer, type WorkflowResource, type WorkflowSummaryResource } from './workflow-resource';

/** Workflows (SPEC §3.1, §4): every save is validated and becomes an immutable version. */
export class WorkflowService {
  private readonly renderer: WorkflowRenderer;

  constructor(private readonly ctx: Pick<ServerContext, 'config' | 'registry' | 'store'>) {
    this.renderer = new WorkflowRenderer(ctx);
  }

  /** Saves version 1. The body may set `enabled` (default true). */
  async create(body: unknown): Promise<WorkflowResource> {
    const input = readWorkflowInput(body);
    const definition = await this.validated(withStoredSecrets(input.definition, this.ctx.registry));
    const stored = await this.ctx.store.workflows.createWorkflow(
      definition,
      input.enabled === undefined ? {} : { enabled: input.enabled },
    );
    return this.renderer.resource(stored);
  }

  async list(): Promise<WorkflowSummaryResource[]> {
    const summaries = await this.ctx.store.workflows.listWorkflows();
    return summaries.map((summary) => this.renderer.summary(summary));
  }

  /** The current version, or `version` (404 `workflow_not_found` beyond the current one). */
  async get(id: string, version?: number): Promise<WorkflowResource> {
    return this.renderer.resource(await this.ctx.store.workflows.getWorkflow(id, version));
  }

  /**
   * Saves the body as the next version; runs in flight keep theirs (they carry their graph). Redacted secrets
   * sent back keep the stored ones; `enabled`, when sent, is applied too (PUT sets the whole resource).
   */
  async replace(id: string, body: unknown): Promise<WorkflowResource> {
    const current = await this.ctx.store.workflows.getWorkflow(id);
    const pluginFields = Object.keys(await this.renderer.pluginFields(id, current.definition.trigger));
    const input = readWorkflowInput(body, pluginFields);
    const withSecrets = withStoredSecrets(input.definition, this.ctx.registry, current.definition);
    const definition = await this.validated(withSecrets);
    let stored = await this.ctx.store.workflows.updateWorkflow(id, definition);
    if (input.enabled !== undefined && input.enabled !== stored.enabled) {
      stored = await this.ctx.store.workflows.setEnabled(id, input.enabled);
    }
    return this.renderer.resource(stored);
  }

  /** Body `{enabled}` and nothing else. */
  async setEnabled(id: string, body: unknown): Promise<WorkflowResource> {
    const input = objectBody(body);
    onlyFields(input, ['enabled']);
    if (typeof input.enabled !== 'boolean') throw invalidRequest('/enabled', 'is required and must be a boolean');
    return this.renderer.resource(await this.ctx.store.workflows.setEnabled(id, input.enabled));
  }

  /** Its webhook answers 404 at once; versions, delivery log and plugin state are purged. */
  async delete(id: string): Promise<void> {
    await this.ctx.store.workflows.deleteWorkflow(id);
  }

  /** The newest `limit` deliveries, newest first; 404 for an unknown workflow. */
  async deliveries(id: string, limit: number): Promise<DeliveryRecord[]> {
    await this.ctx.store.workflows.getWorkflow(id);
    return this.ctx.store.deliveries.listDeliveries(id, limit);
  }

  private async validated(definition: JsonObject): Promise<WorkflowDefinition> {
    const catalog = await loadDefinitionCatalog(this.ctx.registry, this.ctx.store.apiKeys, this.ctx.store.credentials);
    const result = validateDefinition(definition, catalog);
    if (!result.ok) throw invalidWorkflow(result.problems);
    return result.definition;
  }
}
