import type { Logger } from 'pino';
import type { CredentialType, NodeCredential } from '../credentials/credential-type';
import { HookflowError } from '../errors/hookflow-error';
import type { JsonSchema } from './json-schema';

/** What a node's `execute` may use besides its params (docs/plugins.md). */
export interface NodeContext {
  nodeId: string;
  executionId: string;
  workflow: { id: string; name: string; version: number };
  /** 1 on the first try; the node's retry policy decides how many follow. */
  attempt: number;
  logger: Logger;
  /** Aborted when the run is cancelled or the node times out. */
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

/**
 * The error a node throws on purpose. `retryable: false` fails the node at once (e.g. an HTTP 404);
 * `retryable: true` lets the retry policy try again (e.g. a 503). Other thrown errors are retryable.
 */
export class NodeError extends HookflowError {
  readonly retryable: boolean;

  constructor(code: string, message: string, options: { retryable: boolean; cause?: unknown; details?: never }) {
    super(code, message, { cause: options.cause });
    this.name = 'NodeError';
    this.retryable = options.retryable;
  }
}
