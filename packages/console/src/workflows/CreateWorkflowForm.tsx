import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { Link, useNavigate } from 'react-router';
import { api } from '../api/client';
import { fetchers, keys } from '../api/queries';
import type { Workflow, WorkflowDefinition } from '../api/types';
import { ErrorMessage } from '../ui/ErrorMessage';

/** Name, trigger type (from the loaded plugins) and the API key name; the graph is built afterwards. */
export function CreateWorkflowForm() {
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const triggerTypes = useQuery({ queryKey: keys.triggerTypes, queryFn: fetchers.triggerTypes });
  const apiKeys = useQuery({ queryKey: keys.apiKeys, queryFn: fetchers.apiKeys });
  const [name, setName] = useState('');
  const [triggerType, setTriggerType] = useState('');
  const [apiKeyName, setApiKeyName] = useState('');
  const activeKeys = apiKeys.data?.items.filter((key) => !key.revokedAt) ?? [];
  const chosenType = triggerType || triggerTypes.data?.items[0]?.type || '';
  const chosenKey = apiKeyName || activeKeys[0]?.name || '';
  const description = triggerTypes.data?.items.find((type) => type.type === chosenType)?.description;

  const create = useMutation({
    mutationFn: (definition: WorkflowDefinition) => api<Workflow>('/workflows', { method: 'POST', body: definition }),
    onSuccess: async (workflow) => {
      await queryClient.invalidateQueries({ queryKey: keys.workflows });
      void navigate(`/workflows/${workflow.id}`);
    },
  });

  function submit(event: FormEvent) {
    event.preventDefault();
    create.mutate({
      name,
      trigger: { type: chosenType, apiKeyName: chosenKey, config: {} },
      nodes: [],
      edges: [],
    });
  }

  return (
    <form onSubmit={submit} className="card" aria-label="Create a workflow">
      <h2>New workflow</h2>
      <div className="grid">
        <label htmlFor="workflow-name">Workflow name</label>
        <input
          id="workflow-name"
          required
          value={name}
          pattern="[a-z0-9][a-z0-9._\-]{0,99}"
          aria-describedby="workflow-name-hint"
          onChange={(event) => setName(event.target.value)}
        />
        <span id="workflow-name-hint" className="hint">
          Lower case letters, digits, “.”, “_” and “-”.
        </span>
        <label htmlFor="trigger-type">Trigger type</label>
        <select
          id="trigger-type"
          value={chosenType}
          aria-describedby="trigger-type-description"
          onChange={(event) => setTriggerType(event.target.value)}
        >
          {triggerTypes.data?.items.map((type) => (
            <option key={type.type} value={type.type}>
              {type.displayName} ({type.type})
            </option>
          ))}
        </select>
        <span id="trigger-type-description" className="hint">
          {description}
        </span>
        <label htmlFor="api-key-name">API key name</label>
        <select id="api-key-name" value={chosenKey} onChange={(event) => setApiKeyName(event.target.value)}>
          {activeKeys.map((key) => (
            <option key={key.id} value={key.name}>
              {key.name}
            </option>
          ))}
        </select>
        <span className="hint">
          {activeKeys.length === 0 ? (
            <>
              No active key: <Link to="/api-keys">create one</Link> first.
            </>
          ) : (
            'Senders must present this key.'
          )}
        </span>
      </div>
      <button type="submit" disabled={create.isPending || !name || !chosenType || !chosenKey}>
        Create workflow
      </button>
      <ErrorMessage error={create.error} />
    </form>
  );
}
