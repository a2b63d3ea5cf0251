import type { CredentialType, NodeCredential } from './credential';
import type { JsonSchema } from './json-schema';
import type { PluginLogger } from './logger';

/** What a node's `execute` may use besides its params. */
export interface NodeContext {
  nodeId: string;
  executionId: string;
  workflow: { id: string; name: string; version: number };
  /** 1 on the first try; the node's retry policy decides how many follow. */
  attempt: number;
  logger: PluginLogger;
  /** Aborted when the execution is cancelled or the node times out. */
  signal: AbortSignal;
  /**
   * The node's credential (its `credential` field), decrypted for this attempt only. Never log it, return it
   * or put it in an error: outputs and error messages are scrubbed of its values as a last resort.
   */
  credential?: NodeCredential;
}

/**
 * An action node type, run inside a Temporal activity with the node's retry policy and timeout.
 * `params` arrive with every `{{ }}` template already rendered and validated against `paramsSchema`.
 * Throw a `NodeError` to say whether a failure is retryable.
 */
export interface NodePlugin<Params = Record<string, unknown>, Output = unknown> {
  kind: 'action';
  /** Dotted lower-case name, unique across loaded plugins, e.g. `http.request`. */
  type: string;
  displayName: string;
  description: string;
  paramsSchema: JsonSchema;
  /** Credential types a node of this type may reference; absent or empty: none. */
  acceptsCredentials?: readonly string[];
  /** Credential types this plugin adds to the built-in `bearer`, `basic`, `header` and `query`. */
  credentialTypes?: readonly CredentialType[];
  execute(params: Params, ctx: NodeContext): Promise<Output>;
}

/** Type helper for plugin authors: `export default defineNode({ ... })`. */
export function defineNode<Params, Output>(
  plugin: Omit<NodePlugin<Params, Output>, 'kind'>,
): NodePlugin<Params, Output> {
  return { kind: 'action', ...plugin };
}
