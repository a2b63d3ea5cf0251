import type { Problem, WorkflowDefinition } from '../api/types';
import { nodeProblems } from './problems';

/** The nodes as a list, for the keyboard and screen readers: the same selection as clicking on the canvas. */
export function NodeList({
  definition,
  problems,
  selected,
  onSelect,
}: {
  definition: WorkflowDefinition;
  problems: Problem[];
  selected: string | undefined;
  onSelect: (id: string) => void;
}) {
  return (
    <section aria-labelledby="node-list-heading">
      <h2 id="node-list-heading">Nodes</h2>
      {definition.nodes.length === 0 ? <p>No nodes yet: add one from the palette.</p> : null}
      <ul className="node-list">
        {definition.nodes.map((node, index) => {
          const count = nodeProblems(problems, index).length;
          return (
            <li key={node.id}>
              <button type="button" aria-pressed={node.id === selected} onClick={() => onSelect(node.id)}>
                Edit node {node.id}
              </button>{' '}
              <span className="node-type">{node.type}</span>
              {count > 0 ? (
                <span className="node-problems">
                  {' '}
                  {count} {count === 1 ? 'problem' : 'problems'}
                </span>
              ) : null}
            </li>
          );
        })}
      </ul>
    </section>
  );
}
