import { HookflowError } from '@hookflow/sdk';
import {
  validateDefinition,
  type DefinitionProblem,
  type DeliveryRecord,
  type WorkflowDefinition,
  type WorkflowVersionSummary,
} from '@hookflow/engine';
import { invalidRequest } from '../../http/invalid-request';
import { objectBody, onlyFields, queryValue, type JsonObject } from '../../http/request-input';
import type { ServerContext } from '../../server-context';
import { rebuildAcceptedDeliveries } from '../../webhooks/delivery-rebuild';
import { cursorDate, cursorString, decodeCursor, pageOf, readPageQuery, type Page } from '../paging/list-page';
import { loadDefinitionCatalog } from './definition-catalog';
import { invalidWorkflow, readWorkflowInput, withStoredSecrets } from './workflow-input';
import { WorkflowRenderer, type WorkflowResource, type WorkflowSummaryResource } from './workflow-resource';

/** What `POST /workflows/validate` answers. */
export interface ValidationResult {
  valid: boolean;
  problems: DefinitionProblem[];
}

const OBJECT_ID = /^[0-9a-f]{24}$/;

/** Workflows (docs/api.md, docs/workflows.md): every save is validated and becomes an immutable version. */
export class WorkflowService {
  private readonly renderer: WorkflowRenderer;

  constructor(
    private readonly ctx: Pick<ServerContext, 'config' | 'registry' | 'store' | 'changes' | 'temporal' | 'logger'>,
  ) {
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

  /** `?limit&pageToken`: a page of workflows, by name. */
  async list(query: Record<string, unknown>): Promise<Page<WorkflowSummaryResource>> {
    const { limit, pageToken } = readPageQuery(query);
    const afterName =
      pageToken === undefined ? undefined : decodeCursor(pageToken, (cursor) => cursorString(cursor, 'name'));
    const summaries = await this.ctx.store.workflows.listWorkflows({
      limit: limit + 1,
      ...(afterName !== undefined ? { afterName } : {}),
    });
    return pageOf(
      summaries.map((summary) => this.renderer.summary(summary)),
      limit,
      (last) => ({ name: last.name }),
    );
  }

  /**
   * The checks of a save, without saving. `?workflowId` validates the body as a new version of that workflow
   * (a redacted secret sent back then keeps the stored one, as `PUT` does).
   */
  async validate(body: unknown, query: Record<string, unknown>): Promise<ValidationResult> {
    const replacing = queryValue(query, 'workflowId');
    try {
      const candidate =
        replacing === undefined
          ? withStoredSecrets(readWorkflowInput(body).definition, this.ctx.registry)
          : (await this.replacementInput(replacing, body)).definition;
      const catalog = await loadDefinitionCatalog(
        this.ctx.registry,
        this.ctx.store.apiKeys,
        this.ctx.store.credentials,
      );
      const result = validateDefinition(candidate, catalog);
      return result.ok ? { valid: true, problems: [] } : { valid: false, problems: result.problems };
    } catch (error) {
      if (error instanceof HookflowError && error.code === 'invalid_workflow') {
        const problems = (error.details ?? []).map(({ path, message }) => ({ path: path ?? '', message }));
        return { valid: false, problems };
      }
      throw error;
    }
  }

  /** `?limit&pageToken`: a page of saved versions, newest first; 404 for an unknown workflow. */
  async versions(id: string, query: Record<string, unknown>): Promise<Page<WorkflowVersionSummary>> {
    const { limit, pageToken } = readPageQuery(query);
    const beforeVersion =
      pageToken === undefined
        ? undefined
        : decodeCursor(pageToken, (cursor) => {
            const before = cursor.before;
            return typeof before === 'number' && Number.isInteger(before) && before > 1 ? before : undefined;
          });
    const versions = await this.ctx.store.workflows.listVersions(id, {
      limit: limit + 1,
      ...(beforeVersion !== undefined ? { beforeVersion } : {}),
    });
    return pageOf(versions, limit, (last) => ({ before: last.version }));
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
    const input = await this.replacementInput(id, body);
    const definition = await this.validated(input.definition);
    const stored = await this.announced(id, async () => {
      const updated = await this.ctx.store.workflows.updateWorkflow(id, definition);
      if (input.enabled === undefined || input.enabled === updated.enabled) return updated;
      return this.ctx.store.workflows.setEnabled(id, input.enabled);
    });
    return this.renderer.resource(stored);
  }

  /** Body `{enabled}` and nothing else. */
  async setEnabled(id: string, body: unknown): Promise<WorkflowResource> {
    const input = objectBody(body);
    onlyFields(input, ['enabled']);
    if (typeof input.enabled !== 'boolean') throw invalidRequest('/enabled', 'is required and must be a boolean');
    const enabled = input.enabled;
    return this.renderer.resource(await this.announced(id, () => this.ctx.store.workflows.setEnabled(id, enabled)));
  }

  /** Its webhook answers 404 at once; versions, delivery log and plugin state are purged. */
  async delete(id: string): Promise<void> {
    await this.announced(id, () => this.ctx.store.workflows.deleteWorkflow(id));
  }

  /** Runs a write, then tells this instance's caches (also when the write failed midway: it may have landed). */
  private async announced<T>(id: string, write: () => Promise<T>): Promise<T> {
    try {
      return await write();
    } finally {
      this.ctx.changes.workflowChanged(id);
    }
  }

  /** `?limit&pageToken`: a page of the delivery log, newest first; 404 for an unknown workflow. */
  async deliveries(id: string, query: Record<string, unknown>): Promise<Page<DeliveryRecord>> {
    const { limit, pageToken } = readPageQuery(query);
    const before =
      pageToken === undefined
        ? undefined
        : decodeCursor(pageToken, (cursor) => {
            const receivedAt = cursorDate(cursor, 'receivedAt');
            const entryId = cursorString(cursor, 'id');
            return receivedAt && entryId && OBJECT_ID.test(entryId) ? { receivedAt, id: entryId } : undefined;
          });
    await this.ctx.store.workflows.getWorkflow(id);
    // The newest page first gets the entries of accepted runs that no server wrote (docs/deliveries.md).
    if (before === undefined) await rebuildAcceptedDeliveries(this.ctx, id, limit);
    const entries = await this.ctx.store.deliveries.listDeliveries(id, limit + 1, before);
    return pageOf(entries, limit, (last) => ({ receivedAt: last.receivedAt.toISOString(), id: last.id }));
  }

  /** A PUT body as the definition it would save over workflow `id`: plugin fields dropped, secrets kept. */
  private async replacementInput(id: string, body: unknown): Promise<{ definition: JsonObject; enabled?: boolean }> {
    const current = await this.ctx.store.workflows.getWorkflow(id);
    const pluginFields = Object.keys(await this.renderer.pluginFields(id, current.definition.trigger));
    const input = readWorkflowInput(body, pluginFields);
    const definition = withStoredSecrets(input.definition, this.ctx.registry, current.definition);
    return input.enabled === undefined ? { definition } : { definition, enabled: input.enabled };
  }

  private async validated(definition: JsonObject): Promise<WorkflowDefinition> {
    const catalog = await loadDefinitionCatalog(this.ctx.registry, this.ctx.store.apiKeys, this.ctx.store.credentials);
    const result = validateDefinition(definition, catalog);
    if (!result.ok) throw invalidWorkflow(result.problems);
    return result.definition;
  }
}
