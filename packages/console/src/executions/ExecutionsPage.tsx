import { useQuery } from '@tanstack/react-query';
import { Link, useSearchParams } from 'react-router';
import { fetchers, keys } from '../api/queries';
import { EXECUTION_STATUSES } from '../api/types';
import { usePageTitle } from '../app/usePageTitle';
import { ErrorMessage } from '../ui/ErrorMessage';
import { formatTime } from '../ui/format';
import { Pager, usePageTokens } from '../ui/Pager';
import { StatusBadge } from '../ui/StatusBadge';

/** Runs from Temporal, newest first, filtered by workflow and status; running ones refresh on their own. */
export function ExecutionsPage() {
  usePageTitle('Executions');
  const [params, setParams] = useSearchParams();
  const workflowId = params.get('workflowId') ?? '';
  const status = params.get('status') ?? '';
  const pages = usePageTokens();
  const workflows = useQuery({ queryKey: [...keys.workflows, 'all'], queryFn: () => fetchers.workflows() });
  const filter = { workflowId: workflowId || undefined, status: status || undefined, pageToken: pages.token };
  const executions = useQuery({
    queryKey: keys.executions(filter),
    queryFn: () => fetchers.executions(filter),
    refetchInterval: (query) => (query.state.data?.items.some((item) => item.status === 'running') ? 1500 : 5000),
  });
  const names = new Map(workflows.data?.items.map((workflow) => [workflow.id, workflow.name]));

  function setFilter(name: string, value: string) {
    const next = new URLSearchParams(params);
    if (value) next.set(name, value);
    else next.delete(name);
    setParams(next);
    pages.reset();
  }

  return (
    <main>
      <h1>Executions</h1>
      <form className="row wrap card" aria-label="Filter executions" onSubmit={(event) => event.preventDefault()}>
        <label htmlFor="filter-workflow">Workflow</label>
        <select
          id="filter-workflow"
          value={workflowId}
          onChange={(event) => setFilter('workflowId', event.target.value)}
        >
          <option value="">All workflows</option>
          {workflows.data?.items.map((workflow) => (
            <option key={workflow.id} value={workflow.id}>
              {workflow.name}
            </option>
          ))}
        </select>
        <label htmlFor="filter-status">Status</label>
        <select id="filter-status" value={status} onChange={(event) => setFilter('status', event.target.value)}>
          <option value="">Any status</option>
          {EXECUTION_STATUSES.map((value) => (
            <option key={value} value={value}>
              {value}
            </option>
          ))}
        </select>
      </form>
      <ErrorMessage error={executions.error} />
      <table>
        <caption>Runs, newest first (a run just started may take a moment to appear)</caption>
        <thead>
          <tr>
            <th scope="col">Execution</th>
            <th scope="col">Workflow</th>
            <th scope="col">Version</th>
            <th scope="col">Status</th>
            <th scope="col">Started</th>
            <th scope="col">Closed</th>
          </tr>
        </thead>
        <tbody>
          {executions.data?.items.map((execution) => (
            <tr key={execution.executionId}>
              <th scope="row">
                <Link to={`/executions/${encodeURIComponent(execution.executionId)}`} className="mono">
                  {execution.executionId}
                </Link>
                {execution.rerunOf ? <span className="hint"> (re-run)</span> : null}
              </th>
              <td>{names.get(execution.workflowId) ?? execution.workflowId}</td>
              <td>v{execution.version}</td>
              <td>
                <StatusBadge status={execution.status} />
              </td>
              <td>{formatTime(execution.startedAt)}</td>
              <td>{formatTime(execution.closedAt)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {executions.data?.items.length === 0 ? <p>No execution matches.</p> : null}
      <Pager label="Execution" pages={pages} nextPageToken={executions.data?.nextPageToken} />
    </main>
  );
}
