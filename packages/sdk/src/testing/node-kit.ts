import { HookflowError } from '../errors/hookflow-error';
import { schemaProblems } from '../json-schema/schema-problems';
import { compileUserSchema } from '../json-schema/user-schema-compiler';
import type { PluginLogger } from '../plugin/logger';
import type { NodeContext, NodePlugin } from '../plugin/node-plugin';
import { silentLogger } from './silent-logger';

export interface NodeTestOptions {
  attempt?: number;
  signal?: AbortSignal;
  nodeId?: string;
  logger?: PluginLogger;
}

/**
 * Runs a node plugin's `execute` without Temporal, after checking `params` against its `paramsSchema` as the
 * worker does. Rejects with `HookflowError` code `invalid_params` (400) when they do not match.
 */
export async function runNode<Params, Output>(
  plugin: NodePlugin<Params, Output>,
  params: Params,
  options: NodeTestOptions = {},
): Promise<Output> {
  const compiled = compileUserSchema(plugin.paramsSchema);
  const problems = compiled.ok ? schemaProblems(compiled.validate, params, { basePath: '/params' }) : compiled.problems;
  if (problems.length > 0) {
    throw new HookflowError('invalid_params', `params do not match ${plugin.type}'s paramsSchema`, {
      status: 400,
      details: problems.map((p) => ({ path: p.path, message: p.message })),
    });
  }
  const ctx: NodeContext = {
    nodeId: options.nodeId ?? 'node',
    executionId: 'wf_test:test',
    workflow: { id: 'wf_test', name: 'test', version: 1 },
    attempt: options.attempt ?? 1,
    logger: options.logger ?? silentLogger(),
    signal: options.signal ?? new AbortController().signal,
  };
  return plugin.execute(params, ctx);
}
