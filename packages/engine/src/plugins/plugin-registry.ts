import { HookflowError, type JsonSchema, type NodePlugin, type TriggerPlugin } from '@hookflow/sdk';
import { CredentialTypes } from '../credentials/credential-types';
import type { ControlNodeType } from '../graph/control-nodes';

export type NodeType = NodePlugin | ControlNodeType;

/** What `GET /node-types` and `GET /trigger-types` list (docs/api.md). */
export interface PluginDescriptor {
  type: string;
  displayName: string;
  description: string;
  kind: 'action' | 'control' | 'trigger';
  schema: JsonSchema;
  /** The module it came from (`built-in` for control nodes). */
  source: string;
  /** Node types: the credential types a node of this type may reference. */
  acceptsCredentials?: string[];
}

/** A bad or duplicate plugin; start-up stops with this message, which names the module. */
export class PluginLoadError extends HookflowError {
  constructor(message: string, cause?: unknown) {
    super('plugin_load_failed', message, { cause });
    this.name = 'PluginLoadError';
  }
}

/** The loaded node and trigger types, by type name. Filled once at start-up, read-only afterwards. */
export class PluginRegistry {
  private readonly nodes = new Map<string, { plugin: NodeType; source: string }>();
  private readonly triggers = new Map<string, { plugin: TriggerPlugin; source: string }>();
  /** Built-in credential types and those node plugins declare. */
  readonly credentialTypes = new CredentialTypes();

  addNodeType(plugin: NodeType, source: string): void {
    const existing = this.nodes.get(plugin.type);
    if (existing) {
      throw new PluginLoadError(`${source}: node type "${plugin.type}" is already registered by ${existing.source}`);
    }
    if (plugin.kind === 'action') {
      for (const credentialType of plugin.credentialTypes ?? []) this.credentialTypes.add(credentialType, source);
    }
    this.nodes.set(plugin.type, { plugin, source });
  }

  /** Every accepted credential type must be known once all plugins are loaded (one may use another's). */
  checkAcceptedCredentialTypes(): void {
    for (const { plugin, source } of this.nodes.values()) {
      if (plugin.kind !== 'action') continue;
      const unknown = (plugin.acceptsCredentials ?? []).filter((type) => !this.credentialTypes.get(type));
      if (unknown.length > 0) {
        throw new PluginLoadError(
          `${source}: node type "${plugin.type}" accepts unknown credential type(s) ${unknown.map((t) => `"${t}"`).join(', ')}`,
        );
      }
    }
  }

  addTrigger(plugin: TriggerPlugin, source: string): void {
    const existing = this.triggers.get(plugin.type);
    if (existing) {
      throw new PluginLoadError(`${source}: trigger type "${plugin.type}" is already registered by ${existing.source}`);
    }
    this.triggers.set(plugin.type, { plugin, source });
  }

  nodeType(type: string): NodeType | undefined {
    return this.nodes.get(type)?.plugin;
  }

  actionNode(type: string): NodePlugin | undefined {
    const plugin = this.nodes.get(type)?.plugin;
    return plugin?.kind === 'action' ? plugin : undefined;
  }

  trigger(type: string): TriggerPlugin | undefined {
    return this.triggers.get(type)?.plugin;
  }

  listNodeTypes(): PluginDescriptor[] {
    return [...this.nodes.values()].map(({ plugin, source }) => ({
      type: plugin.type,
      displayName: plugin.displayName,
      description: plugin.description,
      kind: plugin.kind,
      schema: plugin.paramsSchema,
      source,
      ...(plugin.kind === 'action' ? { acceptsCredentials: [...(plugin.acceptsCredentials ?? [])] } : {}),
    }));
  }

  listTriggerTypes(): PluginDescriptor[] {
    return [...this.triggers.values()].map(({ plugin, source }) => ({
      type: plugin.type,
      displayName: plugin.displayName,
      description: plugin.description,
      kind: 'trigger' as const,
      schema: plugin.configSchema,
      source,
    }));
  }
}
