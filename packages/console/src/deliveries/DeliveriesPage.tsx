import { useQuery } from '@tanstack/react-query';
import { Link, useParams } from 'react-router';
import { fetchers, keys } from '../api/queries';
import { usePageTitle } from '../app/usePageTitle';
import { ErrorMessage } from '../ui/ErrorMessage';
import { formatTime } from '../ui/format';
import { Pager, usePageTokens } from '../ui/Pager';
import { StatusBadge } from '../ui/StatusBadge';

/** Every request to a workflow's webhook, accepted and rejected alike, newest first. */
export function DeliveriesPage() {
  const id = useParams().id!;
  const pages = usePageTokens();
  const workflow = useQuery({ queryKey: keys.workflow(id), queryFn: () => fetchers.workflow(id) });
  const deliveries = useQuery({
    queryKey: keys.deliveries(id, pages.token),
    queryFn: () => fetchers.deliveries(id, pages.token),
    refetchInterval: 3000,
  });
  const name = workflow.data?.name ?? id;
  usePageTitle(`Deliveries of ${name}`);
  return (
    <main>
      <h1>Deliveries of {name}</h1>
      <p>
        <Link to={`/workflows/${id}`}>Back to the workflow</Link>
      </p>
      <ErrorMessage error={deliveries.error} />
      <table>
        <caption>Webhook requests, newest first</caption>
        <thead>
          <tr>
            <th scope="col">Received</th>
            <th scope="col">Outcome</th>
            <th scope="col">Status</th>
            <th scope="col">Error code</th>
            <th scope="col">Reason</th>
            <th scope="col">Source</th>
            <th scope="col">Execution</th>
          </tr>
        </thead>
        <tbody>
          {deliveries.data?.items.map((delivery) => (
            <tr key={delivery.id}>
              <td>
                {formatTime(delivery.receivedAt)}
                {delivery.count && delivery.count > 1 ? ` (×${delivery.count})` : ''}
              </td>
              <td>
                <StatusBadge status={delivery.outcome} />
              </td>
              <td>{delivery.status}</td>
              <td className="mono">{delivery.errorCode ?? '—'}</td>
              <td>{delivery.reason ?? '—'}</td>
              <td className="mono">{delivery.sourceIp}</td>
              <td>
                {delivery.executionId ? (
                  <Link to={`/executions/${encodeURIComponent(delivery.executionId)}`}>Open execution</Link>
                ) : (
                  '—'
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {deliveries.data?.items.length === 0 ? <p>No delivery yet.</p> : null}
      <Pager label="Delivery" pages={pages} nextPageToken={deliveries.data?.nextPageToken} />
    </main>
  );
}
