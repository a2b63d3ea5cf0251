import { ApplicationFailure, CancelledFailure, Context } from '@temporalio/activity';
import type { Logger } from 'pino';
import { HookflowError, NodeError, type NodeCredential, type NodePlugin } from '@hookflow/sdk';
import { compileUserSchema, schemaProblems } from '@hookflow/sdk/json-schema';
import type { CredentialResolver } from '../credentials/credential-resolver';
import { renderParams } from '../expressions/render-params';
import { SecretScrubber } from '../credentials/secret-scrubber';
import type { PluginRegistry } from '../plugins/plugin-registry';
import { jsonBytes, MAX_NODE_OUTPUT_BYTES } from '../temporal/payload-limits';
import type { ExecuteNodeInput, ExecuteNodeResult, NodeActivities, NodeFailureDetails } from './node-activity-types';

/**
 * The activity behind every action node: finds the node plugin, checks the rendered params against its
 * schema, decrypts the node's credential, runs it, and reports failures as retryable or not, with the
 * attempt number for the node map. Outputs and error messages are scrubbed of the credential's values.
 */
export function createNodeActivities(
  registry: PluginRegistry,
  logger: Logger,
  credentials?: CredentialResolver,
): NodeActivities {
  return {
    async executeNode(input: ExecuteNodeInput): Promise<ExecuteNodeResult> {
      const context = Context.current();
      const attempt = context.info.attempt;
      const fail = (code: string, message: string, retryable: boolean) =>
        ApplicationFailure.create({
          type: code,
          message,
          nonRetryable: !retryable,
          details: [{ attempt } satisfies NodeFailureDetails],
        });

      const plugin = registry.actionNode(input.type);
      if (!plugin) throw fail('unknown_node_type', `node type "${input.type}" is not loaded on this worker`, false);
      let params = input.params;
      if (input.bindings) {
        try {
          params = await renderParams(input.params, input.bindings, { nodeId: input.nodeId });
        } catch (error) {
          // What the interpreter reports when it renders: the expression error's code and message, no retry.
          if (error instanceof HookflowError) throw fail(error.code, error.message, false);
          throw error;
        }
      }
      // Rendered values are checked strictly: the template leniency of save-time validation ends here.
      const compiled = compileUserSchema(plugin.paramsSchema, 'rendered-params');
      const problems = compiled.ok
        ? schemaProblems(compiled.validate, params, { basePath: '/params' })
        : compiled.problems;
      if (problems.length > 0) {
        const described = problems.map((p) => `${p.path}: ${p.message}`).join('; ');
        throw fail(
          'invalid_params',
          `node "${input.nodeId}": rendered params do not match ${input.type}: ${described}`,
          false,
        );
      }

      let credential: NodeCredential | undefined;
      if (input.credential !== undefined) {
        try {
          credential = await resolveCredential(plugin, input.credential, credentials);
        } catch (error) {
          // Lookups fail on an unreachable database (retry) or on the credential itself (do not).
          const retryable = error instanceof HookflowError && error.code === 'unavailable';
          const code = error instanceof HookflowError ? error.code : 'credential_error';
          throw fail(
            code,
            `node "${input.nodeId}": ${error instanceof Error ? error.message : String(error)}`,
            retryable,
          );
        }
      }
      const scrubber = new SecretScrubber(credential);

      // Heartbeats are how a cancelled run reaches a running activity (the SDK throttles them). A local
      // activity has none: the worker running it holds the workflow task and cancels it directly.
      const heartbeat = context.info.isLocal ? undefined : setInterval(() => context.heartbeat(), 1000);
      let output: unknown;
      try {
        output = await plugin.execute(params, {
          nodeId: input.nodeId,
          executionId: input.executionId,
          workflow: input.workflow,
          attempt,
          logger: logger.child({ executionId: input.executionId, nodeId: input.nodeId, nodeType: input.type }),
          signal: context.cancellationSignal,
          ...(credential ? { credential } : {}),
        });
      } catch (error) {
        if (error instanceof CancelledFailure || context.cancellationSignal.aborted) throw error;
        if (error instanceof NodeError) throw fail(error.code, scrubber.text(error.message), error.retryable);
        // An unexpected error may be transient: let the node's retry policy decide.
        throw fail('node_error', scrubber.text(error instanceof Error ? error.message : String(error)), true);
      } finally {
        clearInterval(heartbeat);
      }
      // Checked here, before Temporal sees it: an output is kept in the history and in every query answer.
      const bytes = jsonBytes(output ?? null);
      if (bytes > MAX_NODE_OUTPUT_BYTES) {
        throw fail(
          'output_too_large',
          `node "${input.nodeId}": output is ${bytes} bytes as JSON, over the limit of ${MAX_NODE_OUTPUT_BYTES}`,
          false,
        );
      }
      return { output: scrubber.json(output === undefined ? null : output), attempt };
    },
  };
}

async function resolveCredential(
  plugin: NodePlugin,
  name: string,
  credentials: CredentialResolver | undefined,
): Promise<NodeCredential> {
  if (!credentials) {
    throw new NodeError('credentials_unavailable', 'this worker reads no credentials (it has no MONGODB_URI)', {
      retryable: false,
    });
  }
  const credential = await credentials.resolve(name);
  // Checked on save too; the credential may have been deleted and re-created with another type since.
  if (!(plugin.acceptsCredentials ?? []).includes(credential.type)) {
    throw new NodeError(
      'credential_type_not_accepted',
      `credential "${name}" is of type "${credential.type}", which node type "${plugin.type}" does not accept`,
      { retryable: false },
    );
  }
  return credential;
}
