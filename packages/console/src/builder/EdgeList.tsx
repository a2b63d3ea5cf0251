import { useState, type FormEvent } from 'react';
import type { EdgeWhen, Problem, WorkflowDefinition } from '../api/types';
import { addEdge, defaultWhen, removeEdge, setEdgeWhen } from './definition-edits';
import { placeOf } from './problems';

const WHENS: EdgeWhen[] = ['success', 'true', 'false', 'error'];

/** Edges as a list: label each, remove it, or add one by choosing its ends (the keyboard way to connect). */
export function EdgeList({
  definition,
  problems,
  onEdit,
}: {
  definition: WorkflowDefinition;
  problems: Problem[];
  onEdit: (change: (current: WorkflowDefinition) => WorkflowDefinition) => void;
}) {
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const [when, setWhen] = useState<EdgeWhen | ''>('');
  const ids = definition.nodes.map((node) => node.id);
  const source = from || ids[0] || '';
  const target = to || ids.find((id) => id !== source) || '';
  const label = when || defaultWhen(definition.nodes.find((node) => node.id === source));

  function submit(event: FormEvent) {
    event.preventDefault();
    onEdit((current) => addEdge(current, source, target, label));
    setWhen('');
  }

  return (
    <section aria-labelledby="edges-heading">
      <h2 id="edges-heading">Edges</h2>
      <ul className="edge-list">
        {definition.edges.map((edge, index) => {
          const edgeProblems = problems.filter((problem) => {
            const place = placeOf(problem.path);
            return place.kind === 'edge' && place.index === index;
          });
          const name = `${edge.from} to ${edge.to}`;
          return (
            <li key={`${index}-${edge.from}-${edge.to}`}>
              <span>
                {edge.from} → {edge.to}
              </span>{' '}
              <label className="visually-hidden" htmlFor={`edge-when-${index}`}>
                Label of edge {name}
              </label>
              <select
                id={`edge-when-${index}`}
                value={edge.when ?? 'success'}
                onChange={(event) => onEdit((current) => setEdgeWhen(current, index, event.target.value as EdgeWhen))}
              >
                {WHENS.map((value) => (
                  <option key={value}>{value}</option>
                ))}
              </select>{' '}
              <button type="button" onClick={() => onEdit((current) => removeEdge(current, index))}>
                Remove edge {name}
              </button>
              {edgeProblems.map((problem) => (
                <p key={problem.path + problem.message} className="error">
                  {problem.message}
                </p>
              ))}
            </li>
          );
        })}
      </ul>
      <form className="row wrap" onSubmit={submit} aria-label="Add an edge">
        <label htmlFor="edge-from">From</label>
        <select id="edge-from" value={source} onChange={(event) => setFrom(event.target.value)}>
          {ids.map((id) => (
            <option key={id}>{id}</option>
          ))}
        </select>
        <label htmlFor="edge-to">To</label>
        <select id="edge-to" value={target} onChange={(event) => setTo(event.target.value)}>
          {ids.map((id) => (
            <option key={id}>{id}</option>
          ))}
        </select>
        <label htmlFor="edge-when">When</label>
        <select id="edge-when" value={label} onChange={(event) => setWhen(event.target.value as EdgeWhen)}>
          {WHENS.map((value) => (
            <option key={value}>{value}</option>
          ))}
        </select>
        <button type="submit" disabled={!source || !target}>
          Add edge
        </button>
      </form>
    </section>
  );
}
