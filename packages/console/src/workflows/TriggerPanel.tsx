import { useRecentKeys } from '../api-keys/recent-keys';
import type { Workflow } from '../api/types';
import { CopyField } from '../ui/CopyField';
import { formatTime } from '../ui/format';
import { StatusBadge } from '../ui/StatusBadge';

const SNS = 'amazon-sns';

/** Where senders fire this workflow: the webhook URL, and for SNS the endpoint and its subscriptions. */
export function TriggerPanel({ workflow }: { workflow: Workflow }) {
  const recent = useRecentKeys();
  const { trigger } = workflow;
  const key = recent.keyFor(trigger.apiKeyName);
  return (
    <section className="card" aria-labelledby="trigger-heading">
      <h2 id="trigger-heading">Trigger</h2>
      <dl className="facts">
        <dt>Type</dt>
        <dd>{trigger.type}</dd>
        <dt>API key name</dt>
        <dd>{trigger.apiKeyName}</dd>
      </dl>
      <CopyField label="Webhook URL" value={workflow.webhookUrl} />
      {trigger.type === SNS ? (
        <SnsDetails
          workflow={workflow}
          endpoint={`${workflow.webhookUrl}?x-api-key=${key ?? '<your API key>'}`}
          known={key !== undefined}
        />
      ) : (
        <p className="hint">
          Senders <code>POST</code> JSON here with the header <code>x-api-key: &lt;key “{trigger.apiKeyName}”&gt;</code>
          .
        </p>
      )}
    </section>
  );
}

function SnsDetails({ workflow, endpoint, known }: { workflow: Workflow; endpoint: string; known: boolean }) {
  const allowList = workflow.trigger.config.topicArns as string[] | undefined;
  const pinned = allowList ?? (workflow.pinnedTopicArn ? [workflow.pinnedTopicArn] : []);
  const subscriptions = workflow.subscriptions ?? [];
  return (
    <>
      <CopyField label="SNS endpoint" value={endpoint} secret={known} />
      <p className="hint">
        In AWS, subscribe this URL as an HTTPS endpoint of the topic; Hookflow confirms the subscription itself.
        {known
          ? ' The key is filled in because you created it in this session.'
          : ' Put the key in place of <your API key>.'}
      </p>
      <h3>Pinned topics</h3>
      <p className="hint">
        {allowList
          ? 'The allow-list of the trigger config.'
          : 'No allow-list: the first topic confirmed is pinned, and only it may trigger the workflow.'}
      </p>
      {pinned.length === 0 ? (
        <p>None yet.</p>
      ) : (
        <ul>
          {pinned.map((arn) => (
            <li key={arn} className="mono">
              {arn}
            </li>
          ))}
        </ul>
      )}
      <table>
        <caption>Subscriptions</caption>
        <thead>
          <tr>
            <th scope="col">Topic</th>
            <th scope="col">Status</th>
            <th scope="col">Confirmed</th>
            <th scope="col">Unsubscribed</th>
          </tr>
        </thead>
        <tbody>
          {subscriptions.map((subscription) => (
            <tr key={subscription.topicArn}>
              <th scope="row" className="mono">
                {subscription.topicArn}
              </th>
              <td>
                <StatusBadge status={subscription.status} />
              </td>
              <td>{formatTime(subscription.confirmedAt)}</td>
              <td>{formatTime(subscription.unsubscribedAt)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {subscriptions.length === 0 ? <p>No subscription confirmed yet.</p> : null}
    </>
  );
}
