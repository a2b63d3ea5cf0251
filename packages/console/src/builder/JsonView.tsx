import { useEffect, useState } from 'react';
import type { WorkflowDefinition } from '../api/types';

/** The whole definition as JSON, in step with the canvas both ways: valid JSON typed here replaces it. */
export function JsonView({
  definition,
  onReplace,
}: {
  definition: WorkflowDefinition;
  onReplace: (definition: WorkflowDefinition) => void;
}) {
  const formatted = JSON.stringify(definition, null, 2);
  const [text, setText] = useState(formatted);
  const [editing, setEditing] = useState(false);
  const [error, setError] = useState<string>();
  useEffect(() => {
    if (!editing) setText(formatted);
  }, [formatted, editing]);

  function change(next: string) {
    setText(next);
    try {
      const parsed = JSON.parse(next) as unknown;
      if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw new Error('not an object');
      const candidate = parsed as WorkflowDefinition;
      if (!Array.isArray(candidate.nodes) || !Array.isArray(candidate.edges)) throw new Error('needs nodes and edges');
      setError(undefined);
      onReplace(candidate);
    } catch (caught) {
      setError(caught instanceof Error ? caught.message : String(caught));
    }
  }

  return (
    <details className="card json-view">
      <summary>Definition as JSON</summary>
      <label htmlFor="definition-json">Definition JSON</label>
      <textarea
        id="definition-json"
        className="mono"
        rows={18}
        spellCheck={false}
        value={text}
        aria-invalid={error !== undefined}
        aria-describedby="definition-json-error"
        onFocus={() => setEditing(true)}
        onBlur={() => setEditing(false)}
        onChange={(event) => change(event.target.value)}
      />
      <p id="definition-json-error" className="error" role={error ? 'alert' : undefined}>
        {error ? `Not applied: ${error}` : ''}
      </p>
    </details>
  );
}
