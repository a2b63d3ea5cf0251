import type { DefinitionView, EdgeView } from './definition-view';
import { firstNodeById } from './edge-checks';
import type { DefinitionProblem } from './validation-types';

/**
 * The graph must be acyclic (docs/workflows.md). Depth-first search in document order; every edge that closes a
 * cycle is reported at its own path with the cycle spelled out, e.g. `closes a cycle: a → b → a`.
 * Iterative, so a long chain cannot overflow the stack.
 */
export function cycleProblems(view: DefinitionView): DefinitionProblem[] {
  const nodesById = firstNodeById(view);
  const outgoing = new Map<string, EdgeView[]>();
  for (const edge of view.edges) {
    if (edge.from === undefined || edge.to === undefined) continue;
    if (!nodesById.has(edge.from) || !nodesById.has(edge.to)) continue;
    outgoing.set(edge.from, [...(outgoing.get(edge.from) ?? []), edge]);
  }

  const state = new Map<string, 'active' | 'done'>();
  const problems: DefinitionProblem[] = [];
  for (const root of nodesById.keys()) {
    if (state.has(root)) continue;
    const stack: { id: string; next: number }[] = [{ id: root, next: 0 }];
    state.set(root, 'active');
    while (stack.length > 0) {
      const frame = stack[stack.length - 1]!;
      const edge = outgoing.get(frame.id)?.[frame.next];
      if (!edge) {
        state.set(frame.id, 'done');
        stack.pop();
        continue;
      }
      frame.next += 1;
      const target = edge.to!;
      const targetState = state.get(target);
      if (targetState === 'active') {
        const cycle = stack.slice(stack.findIndex((entry) => entry.id === target)).map((entry) => entry.id);
        problems.push({ path: `/edges/${edge.index}`, message: `closes a cycle: ${[...cycle, target].join(' → ')}` });
      } else if (targetState === undefined) {
        state.set(target, 'active');
        stack.push({ id: target, next: 0 });
      }
    }
  }
  return problems;
}
