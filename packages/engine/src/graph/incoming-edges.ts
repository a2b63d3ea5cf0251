import type { EdgeDefinition, WorkflowDefinition } from './definition';

type Graph = Pick<WorkflowDefinition, 'nodes' | 'edges'>;

/**
 * The edges into each node, in document order, for the interpreter (every node has an entry). Pure and
 * deterministic: imported by Temporal workflow code. A Map, not a plain object: node ids are user input and
 * `constructor` is a valid one. Throws on an unknown endpoint or a cycle, which validation refuses, so an
 * unvalidated graph fails its execution instead of leaving nodes pending forever.
 */
export function incomingEdges(graph: Graph): ReadonlyMap<string, readonly EdgeDefinition[]> {
  const incoming = new Map<string, EdgeDefinition[]>(graph.nodes.map((node) => [node.id, []]));
  for (const edge of graph.edges) {
    const into = incoming.get(edge.to);
    if (!into || !incoming.has(edge.from)) throw new Error(`edge ${edge.from} → ${edge.to} names an unknown node`);
    into.push(edge);
  }
  assertAcyclic(graph, incoming);
  return incoming;
}

/** Kahn's algorithm: every node must become ready once all of its predecessors are done. */
function assertAcyclic(graph: Graph, incoming: ReadonlyMap<string, readonly EdgeDefinition[]>): void {
  const waitingFor = new Map([...incoming].map(([id, edges]) => [id, new Set(edges.map((e) => e.from)).size]));
  const ready = [...waitingFor].filter(([, count]) => count === 0).map(([id]) => id);
  let done = 0;
  for (let id = ready.pop(); id !== undefined; id = ready.pop()) {
    done += 1;
    const successors = new Set(graph.edges.filter((edge) => edge.from === id).map((edge) => edge.to));
    for (const next of successors) {
      const remaining = waitingFor.get(next)! - 1;
      waitingFor.set(next, remaining);
      if (remaining === 0) ready.push(next);
    }
  }
  if (done !== incoming.size) throw new Error('the graph has a cycle');
}
