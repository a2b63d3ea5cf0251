import Form from '@rjsf/core';
import { useQuery } from '@tanstack/react-query';
import { useEffect, useMemo, useState } from 'react';
import { fetchers, keys } from '../api/queries';
import type { JsonSchema, Problem, TriggerType, WorkflowDefinition } from '../api/types';
import { fieldErrors, placeOf } from './problems';
import { serverValidator } from './server-validator';
import { formFor, fromFormData, toFormData } from './template-schema';

/** With no node selected: the workflow's name, its trigger (key and config form) and its input schema. */
export function WorkflowSettings({
  definition,
  triggerTypes,
  problems,
  onEdit,
}: {
  definition: WorkflowDefinition;
  triggerTypes: TriggerType[];
  problems: Problem[];
  workflowId: string;
  onEdit: (change: (current: WorkflowDefinition) => WorkflowDefinition) => void;
}) {
  const apiKeys = useQuery({ queryKey: keys.apiKeys, queryFn: fetchers.apiKeys });
  const triggerType = triggerTypes.find((type) => type.type === definition.trigger.type);
  const configForm = useMemo(() => formFor(triggerType?.configSchema ?? {}), [triggerType]);
  const located = problems.map((problem) => ({ problem, place: placeOf(problem.path) }));
  const triggerProblems = located.flatMap(({ problem, place }) =>
    place.kind === 'trigger' ? [{ problem, rest: place.rest }] : [],
  );
  const messages = (kind: string, field?: string) =>
    located
      .filter(
        ({ place }) => place.kind === kind && (field === undefined || ('field' in place && place.field === field)),
      )
      .map(({ problem }) => problem.message);
  const keyNames = apiKeys.data?.items.filter((key) => !key.revokedAt).map((key) => key.name) ?? [];
  if (!keyNames.includes(definition.trigger.apiKeyName)) keyNames.unshift(definition.trigger.apiKeyName);

  return (
    <section aria-labelledby="settings-heading">
      <h2 id="settings-heading">Workflow</h2>
      <p className="hint">Select a node to edit it.</p>
      <label htmlFor="settings-name">Name</label>
      <input
        id="settings-name"
        value={definition.name}
        onChange={(event) => onEdit((current) => ({ ...current, name: event.target.value }))}
      />
      <Messages messages={messages('workflow', 'name')} />
      <label htmlFor="settings-description">Description</label>
      <textarea
        id="settings-description"
        rows={2}
        value={definition.description ?? ''}
        onChange={(event) =>
          onEdit((current) => {
            const { description: _old, ...rest } = current;
            return event.target.value ? { ...rest, description: event.target.value } : rest;
          })
        }
      />
      <h3>Trigger: {triggerType?.displayName ?? definition.trigger.type}</h3>
      <label htmlFor="settings-key">API key name</label>
      <select
        id="settings-key"
        value={definition.trigger.apiKeyName}
        onChange={(event) =>
          onEdit((current) => ({ ...current, trigger: { ...current.trigger, apiKeyName: event.target.value } }))
        }
      >
        {keyNames.map((name) => (
          <option key={name}>{name}</option>
        ))}
      </select>
      <Messages
        messages={triggerProblems.filter(({ rest }) => rest[0] !== 'config').map(({ problem }) => problem.message)}
      />
      <h4>Trigger configuration</h4>
      <Form
        schema={configForm.schema}
        uiSchema={configForm.uiSchema}
        formData={toFormData(definition.trigger.config, configForm.schema)}
        validator={serverValidator}
        idPrefix="trigger-config"
        extraErrors={fieldErrors(triggerProblems, 'config')}
        showErrorList={false}
        noHtml5Validate
        onChange={(event) =>
          onEdit((current) => ({
            ...current,
            trigger: {
              ...current.trigger,
              config: (fromFormData(event.formData, configForm.schema) ?? {}) as Record<string, unknown>,
            },
          }))
        }
      />
      <InputSchemaEditor
        value={definition.inputSchema}
        problems={messages('inputSchema')}
        onChange={(inputSchema) =>
          onEdit((current) => {
            const { inputSchema: _old, ...rest } = current;
            return inputSchema === undefined ? rest : { ...rest, inputSchema };
          })
        }
      />
    </section>
  );
}

/** The JSON Schema senders' payloads must match; empty for none. */
function InputSchemaEditor({
  value,
  problems,
  onChange,
}: {
  value: JsonSchema | undefined;
  problems: string[];
  onChange: (schema: JsonSchema | undefined) => void;
}) {
  const formatted = value === undefined ? '' : JSON.stringify(value, null, 2);
  const [text, setText] = useState(formatted);
  const [editing, setEditing] = useState(false);
  const [error, setError] = useState<string>();
  useEffect(() => {
    if (!editing) setText(formatted);
  }, [formatted, editing]);
  function change(next: string) {
    setText(next);
    if (next.trim() === '') {
      setError(undefined);
      onChange(undefined);
      return;
    }
    try {
      const parsed = JSON.parse(next) as unknown;
      if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw new Error('must be an object');
      setError(undefined);
      onChange(parsed as JsonSchema);
    } catch (caught) {
      setError(caught instanceof Error ? caught.message : String(caught));
    }
  }
  return (
    <>
      <h3>Input schema</h3>
      <label htmlFor="input-schema">Input schema (JSON Schema, empty for none)</label>
      <textarea
        id="input-schema"
        className="mono"
        rows={6}
        spellCheck={false}
        value={text}
        aria-invalid={error !== undefined || problems.length > 0}
        onFocus={() => setEditing(true)}
        onBlur={() => setEditing(false)}
        onChange={(event) => change(event.target.value)}
      />
      <Messages messages={error ? [`Not applied: ${error}`, ...problems] : problems} />
    </>
  );
}

function Messages({ messages }: { messages: string[] }) {
  if (messages.length === 0) return null;
  return (
    <ul className="error">
      {messages.map((message) => (
        <li key={message}>{message}</li>
      ))}
    </ul>
  );
}
