import pino from 'pino';
import { HookflowError } from '../errors/hookflow-error';
import { schemaProblems } from '../graph/schema-problems';
import { compileUserSchema } from '../graph/user-schema-compiler';
import type { NodeContext, NodePlugin } from '../plugins/node-plugin';

export interface NodeTestOptions {
  attempt?: number;
  signal?: AbortSignal;
  nodeId?: string;
}

/**
 * Runs a node plugin's `execute` without Temporal (docs/plugins.md), after checking `params` against its
 * `paramsSchema` as the worker does. Throws `HookflowError('invalid_params')` when they do not match.
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
      details: problems.map((p) => ({ path: p.path, message: p.message })),
    });
  }
  const ctx: NodeContext = {
    nodeId: options.nodeId ?? 'node',
    executionId: 'wf_test:test',
    workflow: { id: 'wf_test', name: 'test', version: 1 },
    attempt: options.attempt ?? 1,
    logger: pino({ level: 'silent' }),
    signal: options.signal ?? new AbortController().signal,
  };
  return plugin.execute(params, ctx);
}
