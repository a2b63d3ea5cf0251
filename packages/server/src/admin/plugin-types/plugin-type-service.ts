import type { PluginRegistry } from '@hookflow/engine';
import type { JsonSchema } from '@hookflow/sdk';

export interface TriggerTypeResource {
  type: string;
  displayName: string;
  description: string;
  /** JSON Schema of a workflow's `trigger.config`; `writeOnly` fields are secrets. */
  configSchema: JsonSchema;
  /** Module the plugin came from. */
  source: string;
}

export interface NodeTypeResource {
  type: string;
  displayName: string;
  description: string;
  /** `control` types are interpreted by the workflow itself, `action` types run as activities. */
  kind: 'action' | 'control';
  paramsSchema: JsonSchema;
  /** Credential types a node of this type may reference (empty: it takes none). */
  acceptsCredentials: string[];
  source: string;
}

export interface CredentialTypeResource {
  type: string;
  displayName: string;
  description: string;
  /** JSON Schema of a credential's `data`; every field is `writeOnly`. */
  schema: JsonSchema;
  source: string;
}

/** What the loaded plugins declare (docs/api.md), for editors and forms. */
export class PluginTypeService {
  constructor(private readonly registry: PluginRegistry) {}

  triggerTypes(): TriggerTypeResource[] {
    return this.registry.listTriggerTypes().map((descriptor) => ({
      type: descriptor.type,
      displayName: descriptor.displayName,
      description: descriptor.description,
      configSchema: descriptor.schema,
      source: descriptor.source,
    }));
  }

  nodeTypes(): NodeTypeResource[] {
    return this.registry.listNodeTypes().map((descriptor) => ({
      type: descriptor.type,
      displayName: descriptor.displayName,
      description: descriptor.description,
      kind: descriptor.kind === 'control' ? 'control' : 'action',
      paramsSchema: descriptor.schema,
      acceptsCredentials: descriptor.acceptsCredentials ?? [],
      source: descriptor.source,
    }));
  }

  credentialTypes(): CredentialTypeResource[] {
    return this.registry.credentialTypes.list().map(({ credentialType, source }) => ({
      type: credentialType.type,
      displayName: credentialType.displayName,
      description: credentialType.description,
      schema: credentialType.schema,
      source,
    }));
  }
}
