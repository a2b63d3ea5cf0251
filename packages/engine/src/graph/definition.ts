import type { JsonSchema } from '@hookflow/sdk';

/** A workflow as saved (docs/workflows.md). Every save is an immutable version; runs keep the version they started with. */
export interface WorkflowDefinition {
  name: string;
  description?: string;
  trigger: TriggerDefinition;
  /** JSON Schema the trigger payload must match (422 `payload_invalid` otherwise). */
  inputSchema?: JsonSchema;
  nodes: NodeDefinition[];
  edges: EdgeDefinition[];
}

export interface TriggerDefinition {
  /** A loaded trigger plugin's type, e.g. `generic-webhook`. */
  type: string;
  /** Name of the API key bound to this workflow. */
  apiKeyName: string;
  /** Per-workflow settings, matched against the trigger plugin's `configSchema`. */
  config: Record<string, unknown>;
}

export interface NodeDefinition {
  /** Unique in the workflow, `^[A-Za-z][A-Za-z0-9_-]{0,63}$`; expressions read `$nodes.<id>.output`. */
  id: string;
  /** A node type: a control type (`condition`, `delay`, `wait`, `fail`) or a loaded node plugin's type. */
  type: string;
  /** Display name. */
  name?: string;
  /** User JSON; any string may hold `{{ }}` templates, rendered just before the node runs. */
  params: Record<string, unknown>;
  retry?: NodeRetryPolicy;
  timeoutMs?: number;
  /** `fail` (default) fails the run; `continue` settles the node as failed and takes its `error` edges. */
  onError?: 'fail' | 'continue';
  /** Name of a stored credential, of a type the node type accepts; decrypted only inside its activity. */
  credential?: string;
}

export interface NodeRetryPolicy {
  maximumAttempts?: number;
  initialIntervalMs?: number;
  backoffCoefficient?: number;
  maximumIntervalMs?: number;
}

export type EdgeWhen = 'success' | 'error' | 'true' | 'false';

export interface EdgeDefinition {
  from: string;
  to: string;
  /** Absent means `success`. `true`/`false` only leave `condition` nodes. */
  when?: EdgeWhen;
}
