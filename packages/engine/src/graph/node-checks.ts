import type { DefinitionView } from './definition-view';
import type { DefinitionProblem } from './validation-types';

/** Node ids are unique: edges and `$nodes.<id>` must name exactly one node. */
export function duplicateNodeIdProblems(view: DefinitionView): DefinitionProblem[] {
  const firstIndex = new Map<string, number>();
  const problems: DefinitionProblem[] = [];
  for (const node of view.nodes) {
    if (node.id === undefined) continue;
    const first = firstIndex.get(node.id);
    if (first === undefined) firstIndex.set(node.id, node.index);
    else
      problems.push({
        path: `/nodes/${node.index}/id`,
        message: `duplicate node id "${node.id}" (see /nodes/${first}/id)`,
      });
  }
  return problems;
}

/** Temporal refuses a retry policy whose maximum interval is below its initial interval. */
export function retryPolicyProblems(view: DefinitionView): DefinitionProblem[] {
  const problems: DefinitionProblem[] = [];
  for (const node of view.nodes) {
    const initial = node.retry?.initialIntervalMs;
    const maximum = node.retry?.maximumIntervalMs;
    if (typeof initial === 'number' && typeof maximum === 'number' && maximum < initial) {
      problems.push({
        path: `/nodes/${node.index}/retry/maximumIntervalMs`,
        message: `must be at least initialIntervalMs (${initial})`,
      });
    }
  }
  return problems;
}
