import type { DefinitionView, EdgeView, NodeView } from './definition-view';
import type { DefinitionProblem } from './validation-types';

/**
 * Edges name existing nodes, `when: "true"/"false"` leaves only condition nodes, an `error` edge leaves
 * only a node that can settle as failed (`onError: "continue"`), nothing leaves a `fail` node (it always
 * ends the run), and no edge is given twice. Edges that could never be taken are refused rather than
 * kept as dead configuration.
 */
export function edgeProblems(view: DefinitionView): DefinitionProblem[] {
  const nodesById = firstNodeById(view);
  const problems: DefinitionProblem[] = [];
  const seen = new Map<string, number>();
  for (const edge of view.edges) {
    const source = endpointProblem(edge, 'from', nodesById, problems);
    endpointProblem(edge, 'to', nodesById, problems);
    if (source) problems.push(...whenProblems(edge, source));
    if (edge.from !== undefined && edge.to !== undefined) {
      // An absent `when` means `success`, so `{a→b}` and `{a→b, when: "success"}` are the same edge.
      const key = JSON.stringify([edge.from, edge.to, typeof edge.when === 'string' ? edge.when : 'success']);
      const first = seen.get(key);
      if (first === undefined) seen.set(key, edge.index);
      else problems.push({ path: `/edges/${edge.index}`, message: `duplicate edge: same as /edges/${first}` });
    }
  }
  return problems;
}

/** The first node with each id (duplicates are reported by the node checks). */
export function firstNodeById(view: DefinitionView): Map<string, NodeView> {
  const nodes = new Map<string, NodeView>();
  for (const node of view.nodes) if (node.id !== undefined && !nodes.has(node.id)) nodes.set(node.id, node);
  return nodes;
}

function endpointProblem(
  edge: EdgeView,
  end: 'from' | 'to',
  nodesById: Map<string, NodeView>,
  problems: DefinitionProblem[],
): NodeView | undefined {
  const id = edge[end];
  if (id === undefined) return undefined;
  const node = nodesById.get(id);
  if (!node) problems.push({ path: `/edges/${edge.index}/${end}`, message: `no node has the id "${id}"` });
  return node;
}

function whenProblems(edge: EdgeView, source: NodeView): DefinitionProblem[] {
  const path = `/edges/${edge.index}/when`;
  if (source.type === 'fail') {
    return [
      {
        path: `/edges/${edge.index}/from`,
        message: `"${source.id}" is a fail node: it ends the run, so no edge leaves it`,
      },
    ];
  }
  if ((edge.when === 'true' || edge.when === 'false') && source.type !== undefined && source.type !== 'condition') {
    return [
      {
        path,
        message: `when "${edge.when}" needs a condition node as its source; "${source.id}" is a ${source.type} node`,
      },
    ];
  }
  if (edge.when === 'error' && source.onError !== 'continue') {
    return [
      {
        path,
        message: `an error edge is never taken: its source "${source.id}" fails the run on error; set its onError to "continue"`,
      },
    ];
  }
  return [];
}
