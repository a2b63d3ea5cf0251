import '@xyflow/react/dist/style.css';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { api, encodeId } from '../api/client';
import { fetchers, keys } from '../api/queries';
import type { Execution } from '../api/types';
import { usePageTitle } from '../app/usePageTitle';
import { ErrorMessage } from '../ui/ErrorMessage';
import { formatDuration, formatJson, formatTime } from '../ui/format';
import { StatusBadge } from '../ui/StatusBadge';
import { ExecutionGraph } from './ExecutionGraph';

/** One run: the graph coloured by node status, each node's details, the payload and the run's actions. */
export default function ExecutionPage() {
  const executionId = useParams().executionId!;
  const execution = useQuery({
    queryKey: keys.execution(executionId),
    queryFn: () => fetchers.execution(executionId),
    // Running executions update without a reload.
    refetchInterval: (query) => (query.state.data?.status === 'running' ? 1000 : false),
  });
  const run = execution.data;
  const workflow = useQuery({
    queryKey: keys.workflow(run?.workflowId ?? '', run?.version),
    queryFn: () => fetchers.workflow(run!.workflowId, run!.version),
    enabled: run !== undefined,
    retry: false,
  });
  usePageTitle(`Execution ${executionId}`);

  if (!run) {
    return (
      <main>
        <h1>Execution</h1>
        <ErrorMessage error={execution.error} />
      </main>
    );
  }
  return (
    <main>
      <h1>
        Execution <span className="mono small">{executionId}</span>
      </h1>
      <dl className="facts">
        <dt>Status</dt>
        <dd>
          <StatusBadge status={run.status} />
        </dd>
        <dt>Workflow</dt>
        <dd>
          <Link to={`/workflows/${run.workflowId}`}>{workflow.data?.name ?? run.workflowId}</Link> v{run.version}
        </dd>
        <dt>Started</dt>
        <dd>{formatTime(run.startedAt)}</dd>
        <dt>Duration</dt>
        <dd>{formatDuration(run.startedAt, run.closedAt)}</dd>
        <dt>Trigger</dt>
        <dd>
          {run.trigger.type}, delivery key <span className="mono">{run.trigger.deliveryKey}</span>
        </dd>
        {run.rerunOf ? (
          <>
            <dt>Re-run of</dt>
            <dd>
              <Link to={`/executions/${encodeURIComponent(run.rerunOf)}`} className="mono">
                {run.rerunOf}
              </Link>
            </dd>
          </>
        ) : null}
        <dt>Temporal</dt>
        <dd>
          <a href={run.temporalUiUrl} target="_blank" rel="noreferrer">
            Open in the Temporal UI
          </a>
        </dd>
      </dl>
      {run.error ? <p className="error">Run failed: {run.error.message}</p> : null}
      <ExecutionActions execution={run} />
      {workflow.data ? <ExecutionGraph workflow={workflow.data} nodes={run.nodes} /> : null}
      <section aria-labelledby="nodes-heading">
        <h2 id="nodes-heading">Nodes</h2>
        {Object.entries(run.nodes).map(([nodeId, node]) => (
          <article key={nodeId} className="card node-detail" aria-label={`Node ${nodeId}`}>
            <h3>
              {nodeId} <StatusBadge status={node.status} />
            </h3>
            <p>
              Attempts: {node.attempts}
              {node.startedAt ? ` · started ${formatTime(node.startedAt)}` : ''}
              {node.startedAt && node.finishedAt ? ` · took ${formatDuration(node.startedAt, node.finishedAt)}` : ''}
            </p>
            {node.error ? (
              <p className="error">
                <code className="code">{node.error.code}</code> {node.error.message}
              </p>
            ) : null}
            {node.output !== undefined ? (
              <pre className="json" aria-label={`Output of ${nodeId}`} tabIndex={0}>
                {formatJson(node.output)}
              </pre>
            ) : null}
          </article>
        ))}
      </section>
      <section aria-labelledby="payload-heading">
        <h2 id="payload-heading">Trigger payload</h2>
        <pre className="json" aria-label="Trigger payload JSON" tabIndex={0}>
          {formatJson(run.trigger.payload)}
        </pre>
      </section>
    </main>
  );
}

function ExecutionActions({ execution }: { execution: Execution }) {
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const path = `/executions/${encodeId(execution.executionId)}`;
  const [version, setVersion] = useState<'original' | 'current'>('original');
  const [eventName, setEventName] = useState('');
  const [eventPayload, setEventPayload] = useState('{}');
  const refresh = () => queryClient.invalidateQueries({ queryKey: keys.execution(execution.executionId) });

  const cancel = useMutation({ mutationFn: () => api(`${path}/cancel`, { method: 'POST' }), onSuccess: refresh });
  const rerun = useMutation({
    mutationFn: () => api<{ executionId: string }>(`${path}/rerun`, { method: 'POST', body: { version } }),
    onSuccess: (started) => navigate(`/executions/${encodeURIComponent(started.executionId)}`),
  });
  const sendEvent = useMutation({
    mutationFn: (event: { name: string; payload: unknown }) => api(`${path}/events`, { method: 'POST', body: event }),
    onSuccess: refresh,
  });
  const running = execution.status === 'running';

  function submitEvent(event: FormEvent) {
    event.preventDefault();
    let payload: unknown;
    try {
      payload = JSON.parse(eventPayload) as unknown;
    } catch {
      sendEvent.reset();
      return;
    }
    sendEvent.mutate({ name: eventName, payload });
  }

  return (
    <section className="card" aria-labelledby="actions-heading">
      <h2 id="actions-heading">Actions</h2>
      <div className="row wrap">
        <button
          type="button"
          className="danger"
          disabled={!running || cancel.isPending}
          onClick={() => cancel.mutate()}
        >
          Cancel execution
        </button>
        <label htmlFor="rerun-version">Re-run on</label>
        <select
          id="rerun-version"
          value={version}
          onChange={(event) => setVersion(event.target.value as typeof version)}
        >
          <option value="original">the version it ran (v{execution.version})</option>
          <option value="current">the current version</option>
        </select>
        <button type="button" disabled={rerun.isPending} onClick={() => rerun.mutate()}>
          Re-run
        </button>
      </div>
      {running ? (
        <form onSubmit={submitEvent} className="row wrap" aria-label="Send an event">
          <label htmlFor="event-name">Event name</label>
          <input id="event-name" required value={eventName} onChange={(event) => setEventName(event.target.value)} />
          <label htmlFor="event-payload">Event payload (JSON)</label>
          <textarea
            id="event-payload"
            rows={2}
            value={eventPayload}
            onChange={(event) => setEventPayload(event.target.value)}
          />
          <button type="submit" disabled={sendEvent.isPending || eventName === ''}>
            Send event
          </button>
        </form>
      ) : null}
      {sendEvent.isSuccess ? <p role="status">Event sent.</p> : null}
      <ErrorMessage error={cancel.error ?? rerun.error ?? sendEvent.error} />
    </section>
  );
}
