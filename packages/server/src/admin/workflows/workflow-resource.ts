import type { StoredWorkflow, WorkflowDefinition, WorkflowSummary } from '@hookflow/engine';
import type { JsonSchema } from '@hookflow/sdk';
import type { ServerContext } from '../../server-context';
import { REDACTED, redactWriteOnly } from './write-only-fields';

/** The workflow resource of docs/api.md, plus whatever the trigger plugin's `describe` adds (SNS `subscriptions`). */
export interface WorkflowResource {
  id: string;
  name: string;
  /** Omitted when the definition has none: the definition's own fields round-trip exactly. */
  description?: string;
  version: number;
  enabled: boolean;
  trigger: { type: string; apiKeyName: string; config: unknown };
  inputSchema?: JsonSchema;
  nodes: WorkflowDefinition['nodes'];
  edges: WorkflowDefinition['edges'];
  webhookUrl: string;
  createdAt: Date;
  updatedAt: Date;
  [pluginField: string]: unknown;
}

export type WorkflowSummaryResource = WorkflowSummary & { webhookUrl: string };

/** Turns stored workflows into what the API answers: secrets redacted, webhook URL and plugin fields added. */
export class WorkflowRenderer {
  constructor(private readonly ctx: Pick<ServerContext, 'config' | 'registry' | 'store'>) {}

  webhookUrl(id: string): string {
    // Read per call: the public URL is configuration, and tests learn theirs only after start.
    return `${this.ctx.config.publicUrl}/webhooks/${encodeURIComponent(id)}`;
  }

  summary(summary: WorkflowSummary): WorkflowSummaryResource {
    return { ...summary, webhookUrl: this.webhookUrl(summary.id) };
  }

  async resource(stored: StoredWorkflow<WorkflowDefinition>): Promise<WorkflowResource> {
    const definition = stored.definition;
    const resource: WorkflowResource = {
      id: stored.id,
      name: definition.name,
      ...(definition.description !== undefined ? { description: definition.description } : {}),
      version: stored.version,
      enabled: stored.enabled,
      trigger: {
        type: definition.trigger.type,
        apiKeyName: definition.trigger.apiKeyName,
        config: this.redactedConfig(definition.trigger),
      },
      ...(definition.inputSchema !== undefined ? { inputSchema: definition.inputSchema } : {}),
      nodes: definition.nodes,
      edges: definition.edges,
      webhookUrl: this.webhookUrl(stored.id),
      createdAt: stored.createdAt,
      updatedAt: stored.updatedAt,
    };
    const pluginFields = await this.pluginFields(stored.id, definition.trigger);
    for (const [key, value] of Object.entries(pluginFields)) {
      // A plugin adds fields; it never overrides the resource's own.
      if (!Object.hasOwn(resource, key)) resource[key] = value;
    }
    return resource;
  }

  /** What the trigger plugin's `describe` shows for this workflow (e.g. SNS `subscriptions`), or nothing. */
  async pluginFields(workflowId: string, trigger: WorkflowDefinition['trigger']): Promise<Record<string, unknown>> {
    const plugin = this.ctx.registry.trigger(trigger.type);
    if (!plugin?.describe) return {};
    return plugin.describe({ state: this.ctx.store.pluginState(workflowId, trigger.type), config: trigger.config });
  }

  /**
   * Secrets never leave the server after creation. Without the plugin (no longer loaded) nothing tells which
   * fields are secret, so the whole config is hidden.
   */
  private redactedConfig(trigger: WorkflowDefinition['trigger']): unknown {
    const plugin = this.ctx.registry.trigger(trigger.type);
    return plugin ? redactWriteOnly(plugin.configSchema, trigger.config) : REDACTED;
  }
}
