import { StoreError, type HookflowStore, type WorkflowDefinition } from '@hookflow/engine';
import { ExpiringCache } from './expiring-cache';

/** What a webhook needs of its workflow: the current version's definition and whether it is enabled. */
export interface WebhookWorkflow {
  id: string;
  name: string;
  version: number;
  enabled: boolean;
  definition: WorkflowDefinition;
}

/**
 * How long one instance serves a workflow without re-reading it: a disable, an update or a delete made
 * through any instance is in effect everywhere within this time.
 */
export const WORKFLOW_CACHE_TTL_MS = 2_000;
const MAX_CACHED_WORKFLOWS = 5_000;
/** Resource ids are `wf_<hex>`; anything far from that shape cannot name a workflow, so it costs no lookup. */
const PLAUSIBLE_ID = /^[A-Za-z0-9_-]{1,100}$/;

/**
 * Workflow lookups for webhooks, cached for `WORKFLOW_CACHE_TTL_MS`. Unknown ids are not cached (a workflow
 * created a moment later must answer at once); a database outage rejects with `unavailable`.
 */
export class WorkflowCache {
  private readonly cache: ExpiringCache<string, WebhookWorkflow>;

  constructor(
    private readonly store: HookflowStore<WorkflowDefinition>,
    options: { ttlMs?: number; onLookup?: (hit: boolean) => void } = {},
  ) {
    this.cache = new ExpiringCache({
      ttlMs: options.ttlMs ?? WORKFLOW_CACHE_TTL_MS,
      maxEntries: MAX_CACHED_WORKFLOWS,
      ...(options.onLookup ? { onLookup: options.onLookup } : {}),
    });
  }

  /** The workflow, or undefined when there is none with this id. */
  async find(id: string): Promise<WebhookWorkflow | undefined> {
    if (!PLAUSIBLE_ID.test(id)) return undefined;
    try {
      return await this.cache.get(id, () => this.load(id));
    } catch (error) {
      if (error instanceof StoreError && error.code === 'workflow_not_found') return undefined;
      throw error;
    }
  }

  /** Drops what is cached of the workflow (after an admin write changed or deleted it). */
  forget(id: string): void {
    this.cache.delete(id);
  }

  private async load(id: string): Promise<WebhookWorkflow> {
    const stored = await this.store.workflows.getWorkflow(id);
    return {
      id: stored.id,
      name: stored.name,
      version: stored.version,
      enabled: stored.enabled,
      definition: stored.definition,
    };
  }
}
