import type { Problem, WorkflowDefinition } from '../api/types';
import { placeOf } from './problems';

/** Every problem of the last check, each with a way to its node. */
export function ProblemList({
  problems,
  definition,
  onSelect,
}: {
  problems: Problem[];
  definition: WorkflowDefinition;
  onSelect: (id: string | undefined) => void;
}) {
  if (problems.length === 0) return null;
  return (
    <section aria-labelledby="problems-heading" className="card problems">
      <h2 id="problems-heading">Problems</h2>
      <ul>
        {problems.map((problem) => {
          const place = placeOf(problem.path);
          const node = place.kind === 'node' ? definition.nodes[place.index] : undefined;
          return (
            <li key={problem.path + problem.message}>
              <code className="code">{problem.path || '/'}</code> {problem.message}{' '}
              {node ? (
                <button type="button" onClick={() => onSelect(node.id)}>
                  Go to node {node.id}
                </button>
              ) : null}
            </li>
          );
        })}
      </ul>
    </section>
  );
}
