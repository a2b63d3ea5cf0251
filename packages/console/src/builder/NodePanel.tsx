import Form from '@rjsf/core';
import { useQuery } from '@tanstack/react-query';
import { useId, useMemo, useState } from 'react';
import { fetchers, keys } from '../api/queries';
import type { NodeDefinition, NodeType, Problem, WorkflowDefinition } from '../api/types';
import { removeNode, replaceNode } from './definition-edits';
import { fieldErrors, nodeProblems } from './problems';
import { serverValidator } from './server-validator';
import { formFor, fromFormData, toFormData } from './template-schema';

const NODE_ID = /^[A-Za-z][A-Za-z0-9_-]{0,63}$/;

/** The selected node: its id, its params form (from the type's JSON Schema) and its run settings. */
export function NodePanel({
  index,
  definition,
  nodeTypes,
  problems,
  onEdit,
  onRenamed,
  onRemoved,
  onClose,
}: {
  index: number;
  definition: WorkflowDefinition;
  nodeTypes: NodeType[];
  problems: Problem[];
  onEdit: (change: (current: WorkflowDefinition) => WorkflowDefinition) => void;
  onRenamed: (id: string) => void;
  onRemoved: () => void;
  onClose: () => void;
}) {
  const node = definition.nodes[index]!;
  const type = nodeTypes.find((candidate) => candidate.type === node.type);
  const form = useMemo(() => formFor(type?.paramsSchema ?? {}), [type]);
  const own = nodeProblems(problems, index);
  const prefix = useId().replace(/:/g, '');
  const [idText, setIdText] = useState(node.id);
  const accepted = type?.acceptsCredentials ?? [];
  const credentials = useQuery({
    queryKey: keys.credentials,
    queryFn: fetchers.credentials,
    enabled: accepted.length > 0,
  });
  const usable = credentials.data?.items.filter((credential) => accepted.includes(credential.type)) ?? [];
  const idTaken = idText !== node.id && definition.nodes.some((other) => other.id === idText);

  const update = (next: NodeDefinition) => onEdit((current) => replaceNode(current, node.id, next));
  const setOptional = <K extends keyof NodeDefinition>(key: K, value: NodeDefinition[K] | undefined) => {
    const { [key]: _old, ...rest } = node;
    update(value === undefined ? (rest as NodeDefinition) : { ...node, [key]: value });
  };
  const numberOrUndefined = (text: string) => (text.trim() === '' ? undefined : Number(text));
  const messagesAt = (field: string) =>
    own.filter(({ rest }) => rest[0] === field).map(({ problem }) => problem.message);

  function commitId() {
    if (idText === node.id || !NODE_ID.test(idText) || idTaken) return;
    update({ ...node, id: idText });
    onRenamed(idText);
  }

  return (
    <section className="node-panel" aria-labelledby={`${prefix}-heading`}>
      <h2 id={`${prefix}-heading`}>Node {node.id}</h2>
      <p className="hint">{type ? `${type.displayName}: ${type.description}` : `Unknown node type ${node.type}.`}</p>
      {own.length > 0 ? (
        <div className="error" role="group" aria-label={`Problems of node ${node.id}`}>
          <ul>
            {own.map(({ problem }) => (
              <li key={problem.path + problem.message}>
                <code className="code">{problem.path}</code> {problem.message}
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      <label htmlFor={`${prefix}-id`}>Node id</label>
      <input
        id={`${prefix}-id`}
        value={idText}
        aria-invalid={!NODE_ID.test(idText) || idTaken}
        onChange={(event) => setIdText(event.target.value)}
        onBlur={commitId}
        onKeyDown={(event) => event.key === 'Enter' && commitId()}
      />
      {idTaken ? <p className="error">Another node has this id.</p> : null}
      <label htmlFor={`${prefix}-name`}>Display name</label>
      <input
        id={`${prefix}-name`}
        value={node.name ?? ''}
        onChange={(event) => setOptional('name', event.target.value || undefined)}
      />
      <h3>Parameters</h3>
      <Form
        schema={form.schema}
        uiSchema={form.uiSchema}
        formData={toFormData(node.params, form.schema)}
        validator={serverValidator}
        idPrefix={`${prefix}-params`}
        extraErrors={fieldErrors(own, 'params')}
        showErrorList={false}
        noHtml5Validate
        onChange={(event) =>
          update({ ...node, params: (fromFormData(event.formData, form.schema) ?? {}) as Record<string, unknown> })
        }
      />
      {accepted.length > 0 ? (
        <>
          <label htmlFor={`${prefix}-credential`}>Credential</label>
          <select
            id={`${prefix}-credential`}
            value={node.credential ?? ''}
            onChange={(event) => setOptional('credential', event.target.value || undefined)}
          >
            <option value="">none</option>
            {node.credential && !usable.some((credential) => credential.name === node.credential) ? (
              <option value={node.credential}>{node.credential}</option>
            ) : null}
            {usable.map((credential) => (
              <option key={credential.id} value={credential.name}>
                {credential.name} ({credential.type})
              </option>
            ))}
          </select>
          <span className="hint">Accepted types: {accepted.join(', ')}. Values are applied when the node runs.</span>
          <FieldMessages messages={messagesAt('credential')} />
        </>
      ) : null}
      <h3>When it runs</h3>
      <label htmlFor={`${prefix}-on-error`}>On error</label>
      <select
        id={`${prefix}-on-error`}
        value={node.onError ?? 'fail'}
        onChange={(event) => setOptional('onError', event.target.value === 'fail' ? undefined : 'continue')}
      >
        <option value="fail">fail the run</option>
        <option value="continue">continue along error edges</option>
      </select>
      <FieldMessages messages={messagesAt('onError')} />
      <label htmlFor={`${prefix}-attempts`}>Retry: maximum attempts</label>
      <input
        id={`${prefix}-attempts`}
        type="number"
        min={1}
        value={node.retry?.maximumAttempts ?? ''}
        onChange={(event) => {
          const { maximumAttempts: _old, ...retry } = node.retry ?? {};
          const attempts = numberOrUndefined(event.target.value);
          const next = attempts === undefined ? retry : { ...retry, maximumAttempts: attempts };
          setOptional('retry', Object.keys(next).length === 0 ? undefined : next);
        }}
      />
      <label htmlFor={`${prefix}-interval`}>Retry: first interval (ms)</label>
      <input
        id={`${prefix}-interval`}
        type="number"
        min={1}
        value={node.retry?.initialIntervalMs ?? ''}
        onChange={(event) => {
          const { initialIntervalMs: _old, ...retry } = node.retry ?? {};
          const interval = numberOrUndefined(event.target.value);
          const next = interval === undefined ? retry : { ...retry, initialIntervalMs: interval };
          setOptional('retry', Object.keys(next).length === 0 ? undefined : next);
        }}
      />
      <FieldMessages messages={messagesAt('retry')} />
      <label htmlFor={`${prefix}-timeout`}>Timeout (ms)</label>
      <input
        id={`${prefix}-timeout`}
        type="number"
        min={1}
        value={node.timeoutMs ?? ''}
        onChange={(event) => setOptional('timeoutMs', numberOrUndefined(event.target.value))}
      />
      <FieldMessages messages={messagesAt('timeoutMs')} />
      <div className="row">
        <button
          type="button"
          className="danger"
          onClick={() => {
            onEdit((current) => removeNode(current, node.id));
            onRemoved();
          }}
        >
          Delete node {node.id}
        </button>
        <button type="button" onClick={onClose}>
          Done
        </button>
      </div>
    </section>
  );
}

function FieldMessages({ messages }: { messages: string[] }) {
  if (messages.length === 0) return null;
  return (
    <ul className="error">
      {messages.map((message) => (
        <li key={message}>{message}</li>
      ))}
    </ul>
  );
}
