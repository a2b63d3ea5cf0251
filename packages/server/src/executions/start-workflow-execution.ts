import { startExecution, type ExecutionStart, type WorkflowDefinition } from '@hookflow/engine';
import type { ServerContext } from '../server-context';

/** The workflow version an execution runs, and the graph to run (its own, unless a re-run brings an older one). */
export interface ExecutionTarget {
  workflow: { id: string; name: string; version: number };
  graph: Pick<WorkflowDefinition, 'nodes' | 'edges'>;
}

/**
 * The server's one run starter, for webhook deliveries, manual runs and re-runs: the execution id is
 * `<workflowId>:<deliveryKey>`, so the same delivery key never starts twice. `rerunOf` links a re-run to the
 * execution it repeats.
 */
export function startWorkflowExecution(
  ctx: Pick<ServerContext, 'temporal' | 'config'>,
  target: ExecutionTarget,
  trigger: { type: string; deliveryKey: string; payload: unknown },
  options: { rerunOf?: string } = {},
): Promise<ExecutionStart> {
  return startExecution(
    ctx.temporal.client,
    ctx.config.taskQueue,
    {
      workflow: { id: target.workflow.id, name: target.workflow.name, version: target.workflow.version },
      graph: { nodes: target.graph.nodes, edges: target.graph.edges },
      trigger,
    },
    options,
  );
}
