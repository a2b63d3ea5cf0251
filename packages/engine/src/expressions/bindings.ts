/**
 * What expressions can see (docs/expressions.md), exposed as the JSONata variables `$trigger`, `$nodes`,
 * `$workflow` and `$execution`. The trigger payload is also the context value `$`, so `body.amount`
 * reads the same as `$trigger.body.amount`.
 */
export interface ExpressionBindings {
  /** The trigger payload. */
  trigger: unknown;
  /** Settled nodes by id; `$nodes.fetch.output.status`. */
  nodes: Readonly<Record<string, { output?: unknown }>>;
  workflow: { id: string; name: string; version: number };
  /** `startedAt` is an ISO 8601 string, as it appears in JSON. */
  execution: { id: string; startedAt: string };
}

export function jsonataVariables(bindings: ExpressionBindings): Record<string, unknown> {
  return {
    trigger: bindings.trigger,
    nodes: bindings.nodes,
    workflow: bindings.workflow,
    execution: bindings.execution,
  };
}
