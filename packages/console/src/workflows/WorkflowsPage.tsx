import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { fetchers, keys } from '../api/queries';
import { usePageTitle } from '../app/usePageTitle';
import { ErrorMessage } from '../ui/ErrorMessage';
import { formatTime } from '../ui/format';
import { Pager, usePageTokens } from '../ui/Pager';
import { StatusBadge } from '../ui/StatusBadge';
import { CreateWorkflowForm } from './CreateWorkflowForm';

export function WorkflowsPage() {
  usePageTitle('Workflows');
  const pages = usePageTokens();
  const list = useQuery({
    queryKey: [...keys.workflows, 'page', pages.token ?? ''],
    queryFn: () => fetchers.workflows(pages.token),
  });
  return (
    <main>
      <h1>Workflows</h1>
      <CreateWorkflowForm />
      <ErrorMessage error={list.error} />
      <table>
        <caption>Workflows by name</caption>
        <thead>
          <tr>
            <th scope="col">Name</th>
            <th scope="col">Trigger</th>
            <th scope="col">State</th>
            <th scope="col">Version</th>
            <th scope="col">Last delivery</th>
          </tr>
        </thead>
        <tbody>
          {list.data?.items.map((workflow) => (
            <tr key={workflow.id}>
              <th scope="row">
                <Link to={`/workflows/${workflow.id}`}>{workflow.name}</Link>
              </th>
              <td>{workflow.triggerType}</td>
              <td>{workflow.enabled ? 'enabled' : 'disabled'}</td>
              <td>v{workflow.version}</td>
              <td>
                <LastDelivery workflowId={workflow.id} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {list.data?.items.length === 0 ? <p>No workflows yet: create one above.</p> : null}
      <Pager label="Workflow" pages={pages} nextPageToken={list.data?.nextPageToken} />
    </main>
  );
}

function LastDelivery({ workflowId }: { workflowId: string }) {
  const latest = useQuery({
    queryKey: [...keys.deliveries(workflowId), 'latest'],
    queryFn: () => fetchers.deliveries(workflowId, undefined, 1),
  });
  const delivery = latest.data?.items[0];
  if (!delivery) return <span>none</span>;
  return (
    <Link to={`/workflows/${workflowId}/deliveries`}>
      <StatusBadge status={delivery.outcome} /> {delivery.status} · {formatTime(delivery.receivedAt)}
    </Link>
  );
}
