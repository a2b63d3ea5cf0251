import { ApplicationFailure, CancelledFailure, Context } from '@temporalio/activity';
import type { Logger } from 'pino';
import { compileUserSchema, schemaProblems } from '@hookflow/sdk/json-schema';
import { NodeError } from '@hookflow/sdk';
import type { PluginRegistry } from '../plugins/plugin-registry';
import type { ExecuteNodeInput, ExecuteNodeResult, NodeActivities, NodeFailureDetails } from './node-activity-types';

/**
 * The activity behind every action node: finds the node plugin, checks the rendered params against its
 * schema, runs it, and reports failures as retryable or not, with the attempt number for the node map.
 */
export function createNodeActivities(registry: PluginRegistry, logger: Logger): NodeActivities {
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
      // Rendered values are checked strictly: the template leniency of save-time validation ends here.
      const compiled = compileUserSchema(plugin.paramsSchema);
      const problems = compiled.ok
        ? schemaProblems(compiled.validate, input.params, { basePath: '/params' })
        : compiled.problems;
      if (problems.length > 0) {
        const described = problems.map((p) => `${p.path}: ${p.message}`).join('; ');
        throw fail(
          'invalid_params',
          `node "${input.nodeId}": rendered params do not match ${input.type}: ${described}`,
          false,
        );
      }

      // Heartbeats are how a cancelled run reaches a running activity (the SDK throttles them).
      const heartbeat = setInterval(() => context.heartbeat(), 1000);
      try {
        const output = await plugin.execute(input.params, {
          nodeId: input.nodeId,
          executionId: input.executionId,
          workflow: input.workflow,
          attempt,
          logger: logger.child({ executionId: input.executionId, nodeId: input.nodeId, nodeType: input.type }),
          signal: context.cancellationSignal,
        });
        return { output: output === undefined ? null : output, attempt };
      } catch (error) {
        if (error instanceof CancelledFailure || context.cancellationSignal.aborted) throw error;
        if (error instanceof NodeError) throw fail(error.code, error.message, error.retryable);
        // An unexpected error may be transient: let the node's retry policy decide.
        throw fail('node_error', error instanceof Error ? error.message : String(error), true);
      } finally {
        clearInterval(heartbeat);
      }
    },
  };
}
