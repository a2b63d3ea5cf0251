import { setTimeout as sleep } from 'node:timers/promises';
import type { Connection } from 'mongoose';
import { deleteDeliveries } from '../deliveries/delivery-log';
import { isDuplicateKeyError, withMongoErrors } from '../mongo-errors';
import { deletePluginState } from '../plugin-state/plugin-state-store';
import { newResourceId } from '../random-id';
import { initStore } from '../store-indexes';
import { StoreError } from '../store-errors';
import { decodeUserJson, encodeUserJson } from '../user-json';
import { definitionFacts, type DefinitionFacts, type StorableWorkflowDefinition } from './workflow-definition';
import {
  workflowModel,
  workflowVersionModel,
  type WorkflowDocument,
  type WorkflowVersionDocument,
} from './workflow-models';
import { backoffMs, withWorkflowWriteLease } from './workflow-write-lease';

/** One version of a workflow as read back: the definition exactly as saved. */
export interface StoredWorkflow<D extends StorableWorkflowDefinition = StorableWorkflowDefinition> {
  id: string;
  /** Name and description of this version's definition. */
  name: string;
  description: string | null;
  version: number;
  enabled: boolean;
  definition: D;
  createdAt: Date;
  updatedAt: Date;
  /** When this version was saved. */
  versionCreatedAt: Date;
}

/** A workflow in a listing: its current version, without the definition. */
export interface WorkflowSummary {
  id: string;
  name: string;
  description: string | null;
  version: number;
  enabled: boolean;
  triggerType: string | null;
  createdAt: Date;
  updatedAt: Date;
}

/** One saved version in a listing. */
export interface WorkflowVersionSummary {
  version: number;
  createdAt: Date;
}

/** A page of a listing: at most `limit` items after the cursor (default: all of them). */
export interface WorkflowListPage {
  limit?: number;
  /** The name of the last workflow of the previous page (names are unique, the listing is by name). */
  afterName?: string;
}

export interface WorkflowRepositoryOptions {
  /**
   * A version saved this long ago (default 30 s) but never published belongs to an update that crashed
   * between its two writes; the next update publishes it and builds on it.
   */
  staleVersionAfterMs?: number;
  /** Tries of an update racing other updates before it answers `workflow_update_conflict` (default 12). */
  maxUpdateAttempts?: number;
}

/**
 * Workflows and their immutable versions (docs/api.md, docs/workflows.md).
 *
 * Concurrency without transactions: an update first inserts version `current + 1`; the unique index on
 * `(workflowId, version)` lets exactly one concurrent update have each number. Only that winner then publishes
 * it on the workflow document, so the document's writes happen one after the other; the losers wait, re-read
 * and take the next number. Every update thus becomes its own version; none is lost. Publishing and enabling
 * write the same document, so both hold its write lease (`withWorkflowWriteLease`) and neither undoes the other.
 */
export class WorkflowRepository<D extends StorableWorkflowDefinition = StorableWorkflowDefinition> {
  private readonly staleVersionAfterMs: number;
  private readonly maxUpdateAttempts: number;

  constructor(
    private readonly connection: Connection,
    options: WorkflowRepositoryOptions = {},
  ) {
    this.staleVersionAfterMs = options.staleVersionAfterMs ?? 30_000;
    this.maxUpdateAttempts = options.maxUpdateAttempts ?? 12;
  }

  private get workflows() {
    return workflowModel(this.connection);
  }

  private get versions() {
    return workflowVersionModel(this.connection);
  }

  /** Saves a new workflow as version 1 (enabled unless told otherwise). */
  async createWorkflow(definition: D, options: { enabled?: boolean } = {}): Promise<StoredWorkflow<D>> {
    const facts = definitionFacts(definition);
    return withMongoErrors(async () => {
      await initStore(this.connection);
      if (await this.workflows.exists({ name: facts.name })) throw nameTaken(facts.name);
      const now = new Date();
      const id = newResourceId('wf');
      // Version first: a crash between the two writes leaves an unreachable version, never a workflow
      // pointing at a missing one.
      const version = await this.saveVersion(id, 1, definition, now);
      const workflow: WorkflowDocument = {
        _id: id,
        ...facts,
        currentVersion: 1,
        enabled: options.enabled ?? true,
        createdAt: now,
        updatedAt: now,
      };
      try {
        await this.workflows.create(workflow);
      } catch (error) {
        if (!isDuplicateKeyError(error)) throw error;
        await this.versions.deleteOne({ workflowId: id }).catch(() => undefined);
        throw nameTaken(facts.name, error);
      }
      return toStoredWorkflow<D>(workflow, version);
    });
  }

  /**
   * Saves `definition` as the next version and makes it current. Runs already started keep the version they
   * started with. Racing updates each get their own version, or `workflow_update_conflict` when one waited
   * `maxUpdateAttempts` times.
   */
  async updateWorkflow(id: string, definition: D): Promise<StoredWorkflow<D>> {
    const facts = definitionFacts(definition);
    return withMongoErrors(async () => {
      await initStore(this.connection);
      for (let attempt = 0; attempt < this.maxUpdateAttempts; attempt++) {
        const workflow = await this.findLive(id);
        if (facts.name !== workflow.name && (await this.workflows.exists({ name: facts.name, _id: { $ne: id } }))) {
          throw nameTaken(facts.name);
        }
        const next = workflow.currentVersion + 1;
        let version: WorkflowVersionDocument;
        try {
          version = await this.saveVersion(id, next, definition, new Date());
        } catch (error) {
          if (!isDuplicateKeyError(error)) throw error;
          // Another update holds `next`: let it publish (or take over its version if it died), then retry.
          await this.recoverAbandonedVersion(workflow, next);
          await sleep(backoffMs(attempt));
          continue;
        }
        const published = await this.publish(workflow, version, facts);
        return toStoredWorkflow<D>(published, version);
      }
      throw new StoreError(
        'workflow_update_conflict',
        `Workflow ${id} is being updated concurrently; retry the update`,
      );
    });
  }

  /** Enables or disables a workflow; a disabled workflow's webhook answers 409 `workflow_disabled`. */
  async setEnabled(id: string, enabled: boolean): Promise<StoredWorkflow<D>> {
    return withMongoErrors(async () => {
      const result = await withWorkflowWriteLease(this.connection, id, () =>
        this.workflows.updateOne({ _id: id }, { $set: { enabled, updatedAt: new Date() } }),
      );
      if (result.matchedCount === 0) throw notFound(id);
      return this.readWorkflow(id);
    });
  }

  /**
   * Deletes a workflow: it is gone for reads, lists and webhooks at once and its name is free. Its versions,
   * delivery log and plugin state are purged after, best effort (runs in flight carry their own graph).
   */
  async deleteWorkflow(id: string): Promise<void> {
    await withMongoErrors(async () => {
      const result = await this.workflows.deleteOne({ _id: id });
      if (result.deletedCount === 0) throw notFound(id);
    });
    await Promise.allSettled([
      this.versions.deleteMany({ workflowId: id }),
      deleteDeliveries(this.connection, id),
      deletePluginState(this.connection, id),
    ]);
  }

  /** The current version of a workflow, or the given one (1..current). */
  async getWorkflow(id: string, version?: number): Promise<StoredWorkflow<D>> {
    return withMongoErrors(() => this.readWorkflow(id, version));
  }

  /** Every workflow's current version, by name; a page of them with `page`. */
  async listWorkflows(page: WorkflowListPage = {}): Promise<WorkflowSummary[]> {
    return withMongoErrors(async () => {
      const filter = page.afterName === undefined ? {} : { name: { $gt: page.afterName } };
      let query = this.workflows.find(filter).sort({ name: 1 });
      if (page.limit !== undefined) query = query.limit(page.limit);
      const workflows = await query.lean<WorkflowDocument[]>();
      return workflows.map((workflow) => ({
        id: workflow._id,
        name: workflow.name,
        description: workflow.description ?? null,
        version: workflow.currentVersion,
        enabled: workflow.enabled,
        triggerType: workflow.triggerType ?? null,
        createdAt: workflow.createdAt,
        updatedAt: workflow.updatedAt,
      }));
    });
  }

  /**
   * A workflow's saved versions, newest first: at most `limit`, below `beforeVersion` when given. Versions of an
   * update still in progress (above the current one) are not listed, as they are not readable yet.
   */
  async listVersions(id: string, page: { limit: number; beforeVersion?: number }): Promise<WorkflowVersionSummary[]> {
    return withMongoErrors(async () => {
      const workflow = await this.findLive(id);
      const below = Math.min(page.beforeVersion ?? Infinity, workflow.currentVersion + 1);
      const versions = await this.versions
        .find({ workflowId: id, version: { $lt: below } }, { version: 1, createdAt: 1 })
        .sort({ version: -1 })
        .limit(page.limit)
        .lean<Pick<WorkflowVersionDocument, 'version' | 'createdAt'>[]>();
      return versions.map(({ version, createdAt }) => ({ version, createdAt }));
    });
  }

  private async readWorkflow(id: string, version?: number): Promise<StoredWorkflow<D>> {
    const workflow = await this.findLive(id);
    const wanted = version ?? workflow.currentVersion;
    // Versions above the current one may exist unpublished (an update in progress): not readable yet.
    if (!Number.isInteger(wanted) || wanted < 1 || wanted > workflow.currentVersion) {
      throw new StoreError('workflow_not_found', `Workflow ${id} has no version ${String(wanted)}`);
    }
    const saved = await this.versions.findOne({ workflowId: id, version: wanted }).lean<WorkflowVersionDocument>();
    if (!saved) throw new StoreError('workflow_not_found', `Workflow ${id} has no version ${wanted}`);
    return toStoredWorkflow<D>(workflow, saved);
  }

  private async findLive(id: string): Promise<WorkflowDocument> {
    const workflow = await this.workflows.findById(id).lean<WorkflowDocument>();
    if (!workflow) throw notFound(id);
    return workflow;
  }

  private async saveVersion(
    workflowId: string,
    version: number,
    definition: StorableWorkflowDefinition,
    createdAt: Date,
  ): Promise<WorkflowVersionDocument> {
    const document: WorkflowVersionDocument = {
      workflowId,
      version,
      definition: encodeUserJson(definition),
      createdAt,
    };
    await this.versions.create(document);
    return document;
  }

  /**
   * Makes `version` current. The filter on the version it builds on only matters when a crashed update's
   * version is taken over concurrently; both then write the same values.
   */
  private async publish(
    workflow: WorkflowDocument,
    version: WorkflowVersionDocument,
    facts: DefinitionFacts,
  ): Promise<WorkflowDocument> {
    const update = { ...facts, currentVersion: version.version, updatedAt: new Date() };
    try {
      const result = await withWorkflowWriteLease(this.connection, workflow._id, () =>
        this.workflows.updateOne({ _id: workflow._id, currentVersion: version.version - 1 }, { $set: update }),
      );
      if (result.matchedCount === 1) return { ...workflow, ...update };
    } catch (error) {
      if (!isDuplicateKeyError(error)) throw error;
      // Renamed to a name another workflow took meanwhile: withdraw the unpublished version.
      await this.withdraw(version);
      throw nameTaken(facts.name, error);
    }
    const current = await this.workflows.findById(workflow._id).lean<WorkflowDocument>();
    if (!current) {
      await this.withdraw(version);
      throw notFound(workflow._id);
    }
    if (current.currentVersion >= version.version) return current;
    throw new StoreError('workflow_update_conflict', `Workflow ${workflow._id} changed during the update; retry`);
  }

  /** Takes over version `next` when it was saved long ago and never published (its update crashed). */
  private async recoverAbandonedVersion(workflow: WorkflowDocument, next: number): Promise<void> {
    const pending = await this.versions
      .findOne({ workflowId: workflow._id, version: next })
      .lean<WorkflowVersionDocument>();
    if (!pending || Date.now() - pending.createdAt.getTime() < this.staleVersionAfterMs) return;
    let facts: DefinitionFacts;
    try {
      facts = definitionFacts(decodeUserJson<StorableWorkflowDefinition>(pending.definition));
    } catch {
      await this.withdraw(pending);
      return;
    }
    await this.publish(workflow, pending, facts).catch((error: unknown) => {
      // A name conflict withdrew it; anything else is for the retry to find out.
      if (!(error instanceof StoreError)) throw error;
    });
  }

  private async withdraw(version: WorkflowVersionDocument): Promise<void> {
    await this.versions.deleteOne({ workflowId: version.workflowId, version: version.version }).catch(() => undefined);
  }
}

function toStoredWorkflow<D extends StorableWorkflowDefinition>(
  workflow: WorkflowDocument,
  version: WorkflowVersionDocument,
): StoredWorkflow<D> {
  const definition = decodeUserJson<D>(version.definition);
  const facts = definitionFacts(definition);
  return {
    id: workflow._id,
    name: facts.name,
    description: facts.description,
    version: version.version,
    enabled: workflow.enabled,
    definition,
    createdAt: workflow.createdAt,
    updatedAt: workflow.updatedAt,
    versionCreatedAt: version.createdAt,
  };
}

function notFound(id: string): StoreError {
  return new StoreError('workflow_not_found', `Workflow ${id} does not exist`);
}

function nameTaken(name: string, cause?: unknown): StoreError {
  return new StoreError('workflow_name_taken', `A workflow named "${name}" already exists`, { cause });
}
