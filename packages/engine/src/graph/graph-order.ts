import type { EdgeDefinition, WorkflowDefinition } from './definition';

/**
 * The shape of a validated graph, for the interpreter (docs/workflows.md). Pure and deterministic (no Node APIs):
 * imported by Temporal workflow code. Every list follows document order, so replays see the same order.
 * Maps rather than plain objects: node ids are user input and `constructor` is a valid one.
 */
export interface GraphIndex {
  /** Node ids in document order. */
  readonly nodeIds: readonly string[];
  /** Edges into / out of each node, in document order; every node has an entry. */
  readonly incoming: ReadonlyMap<string, readonly EdgeDefinition[]>;
  readonly outgoing: ReadonlyMap<string, readonly EdgeDefinition[]>;
  /** Distinct source / target node ids per node, in edge order. */
  readonly predecessors: ReadonlyMap<string, readonly string[]>;
  readonly successors: ReadonlyMap<string, readonly string[]>;
  /** Nodes without incoming edges: they start together when the run starts. */
  readonly roots: readonly string[];
  /** Every node after all of its predecessors; ties keep document order. */
  readonly topologicalOrder: readonly string[];
}

type Graph = Pick<WorkflowDefinition, 'nodes' | 'edges'>;

/** Indexes a validated definition. Throws on an unknown edge endpoint or a cycle, which validation refuses. */
export function indexGraph(graph: Graph): GraphIndex {
  const nodeIds = graph.nodes.map((node) => node.id);
  const incoming = new Map<string, EdgeDefinition[]>(nodeIds.map((id) => [id, []]));
  const outgoing = new Map<string, EdgeDefinition[]>(nodeIds.map((id) => [id, []]));
  for (const edge of graph.edges) {
    const into = incoming.get(edge.to);
    const outOf = outgoing.get(edge.from);
    if (!into || !outOf) throw new Error(`edge ${edge.from} → ${edge.to} names an unknown node`);
    into.push(edge);
    outOf.push(edge);
  }
  const predecessors = distinctEnds(incoming, (edge) => edge.from);
  const successors = distinctEnds(outgoing, (edge) => edge.to);
  return {
    nodeIds,
    incoming,
    outgoing,
    predecessors,
    successors,
    roots: nodeIds.filter((id) => incoming.get(id)!.length === 0),
    topologicalOrder: topologicalOrder(nodeIds, predecessors, successors),
  };
}

function distinctEnds(
  edgesByNode: ReadonlyMap<string, readonly EdgeDefinition[]>,
  end: (edge: EdgeDefinition) => string,
): Map<string, string[]> {
  return new Map([...edgesByNode].map(([id, edges]) => [id, [...new Set(edges.map(end))]]));
}

/** Kahn's algorithm, always taking the earliest ready node in document order. */
function topologicalOrder(
  nodeIds: readonly string[],
  predecessors: ReadonlyMap<string, readonly string[]>,
  successors: ReadonlyMap<string, readonly string[]>,
): string[] {
  const position = new Map(nodeIds.map((id, index) => [id, index]));
  const waitingFor = new Map(nodeIds.map((id) => [id, predecessors.get(id)!.length]));
  const ready = nodeIds.filter((id) => waitingFor.get(id) === 0);
  const order: string[] = [];
  while (ready.length > 0) {
    const id = ready.shift()!;
    order.push(id);
    for (const next of successors.get(id)!) {
      const remaining = waitingFor.get(next)! - 1;
      waitingFor.set(next, remaining);
      if (remaining === 0) insertByPosition(ready, next, position);
    }
  }
  if (order.length !== nodeIds.length) throw new Error('the graph has a cycle');
  return order;
}

function insertByPosition(ready: string[], id: string, position: ReadonlyMap<string, number>): void {
  const at = ready.findIndex((other) => position.get(other)! > position.get(id)!);
  if (at === -1) ready.push(id);
  else ready.splice(at, 0, id);
}
