import {
  SnsEndpointDouble,
  signedConfirmation,
  signedNotification,
  TEST_TOPIC_ARN,
  type SignedMessage,
} from '@hookflow/triggers-sns/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../support/test-server';
import {
  createKey,
  deliveriesOf,
  expectNoSecretIn,
  waitForRun,
  type TestKey,
} from '../webhooks/support/webhook-fixtures';
import {
  createSnsWorkflow,
  endpointUrl,
  executionsOf,
  expectedTrigger,
  postSns,
  SNS_PLUGINS,
  snsWorkflow,
  subscriptionsOf,
  type CreatedSnsWorkflow,
} from './support/sns-fixtures';

/**
 * The amazon-sns trigger through the real server, signed by the throwaway test CA and served by a local
 * stand-in for sns.<region>.amazonaws.com, which `HOOKFLOW_SNS_TRUSTED_ORIGINS` trusts.
 */
describe('amazon-sns through the server: subscribe, notify, redeliver, unsubscribe', () => {
  let sns: SnsEndpointDouble;
  let server: TestServer;
  let key: TestKey;
  let workflow: CreatedSnsWorkflow;
  let url: string;

  beforeAll(async () => {
    sns = await new SnsEndpointDouble().start();
    server = await startTestServer({ plugins: SNS_PLUGINS, env: { HOOKFLOW_SNS_TRUSTED_ORIGINS: sns.origin } });
    key = await createKey(server);
    workflow = await createSnsWorkflow(server, snsWorkflow(key.name, { topicArns: [TEST_TOPIC_ARN] }));
    url = endpointUrl(workflow, key.key);
  });
  afterAll(async () => {
    await server?.close();
    await sns?.stop();
  });

  it('confirms the subscription, runs each notification once, and records the unsubscribe', async () => {
    const sent: SignedMessage[] = [];

    // 1. SNS asks to confirm: Hookflow verifies it and GETs the SubscribeURL, exactly once.
    const confirmation = signedConfirmation('SubscriptionConfirmation', { origin: sns.origin, timestamp: new Date() });
    sent.push(confirmation);
    const confirmed = await postSns(url, confirmation);
    expect(confirmed.status, confirmed.text).toBe(200);
    expect(sns.confirmations()).toEqual([`GET ${confirmation.SubscribeURL.slice(sns.origin.length)}`]);
    expect(sns.confirmed).toHaveLength(1);
    const subscriptionArn = sns.confirmed[0]!;
    expect(confirmed.body).toEqual({ status: 'confirmed', topicArn: TEST_TOPIC_ARN, subscriptionArn });

    // 2. The operator sees the subscription on the workflow.
    const [subscription] = await subscriptionsOf(server, workflow.id);
    expect(subscription).toEqual({
      topicArn: TEST_TOPIC_ARN,
      subscriptionArn,
      status: 'confirmed',
      confirmationMessageId: confirmation.MessageId,
      confirmedAt: expect.any(String) as string,
      unsubscribedAt: null,
    });
    expect(Math.abs(Date.now() - Date.parse(subscription!.confirmedAt as string))).toBeLessThan(60_000);

    // 3. A notification runs the workflow with the message as $trigger.
    const notification = signedNotification(
      { origin: sns.origin, timestamp: new Date() },
      {
        Message: '{"orderId":"o-7","amount":150}',
        Subject: 'order placed',
        MessageAttributes: { priority: { Type: 'String', Value: 'high' } },
      },
    );
    sent.push(notification);
    const accepted = await postSns(url, notification);
    expect(accepted.status, accepted.text).toBe(202);
    const executionId = `${workflow.id}:${notification.MessageId}`;
    expect(accepted.body).toEqual({ executionId, status: 'accepted' });

    const run = await waitForRun(server, executionId);
    const trigger = expectedTrigger(notification, { orderId: 'o-7', amount: 150 });
    expect(run).toMatchObject({
      status: 'completed',
      workflowId: workflow.id,
      trigger: { type: 'amazon-sns', deliveryKey: notification.MessageId, payload: trigger },
      nodes: { echo: { status: 'succeeded', output: trigger } },
    });
    expect(trigger).toMatchObject({
      subject: 'order placed',
      topicArn: TEST_TOPIC_ARN,
      messageAttributes: { priority: { Type: 'String', Value: 'high' } },
    });

    // 4. SNS delivers the same message again (it retries on timeouts): a duplicate, no second run.
    const again = await postSns(url, notification);
    expect(again.status, again.text).toBe(200);
    expect(again.body).toEqual({ executionId, status: 'duplicate' });
    expect((await waitForRun(server, executionId)).runId).toBe(run.runId);
    const runs = await executionsOf(server, workflow.id);
    expect(runs.map((r) => [r.executionId, r.runId])).toEqual([[executionId, run.runId]]);

    // 5. The unsubscribe is verified and recorded; its SubscribeURL (which would re-subscribe) is never visited.
    const unsubscribe = signedConfirmation('UnsubscribeConfirmation', { origin: sns.origin, timestamp: new Date() });
    sent.push(unsubscribe);
    const requestsBefore = sns.received.length;
    const unsubscribed = await postSns(url, unsubscribe);
    expect(unsubscribed.status, unsubscribed.text).toBe(200);
    expect(unsubscribed.body).toEqual({
      status: 'unsubscribed',
      topicArn: TEST_TOPIC_ARN,
      subscriptionArn: `${TEST_TOPIC_ARN}:2bcfbf39-05c3-41de-beaa-fcfcc21c8f55`,
    });
    expect(sns.received.slice(requestsBefore)).toEqual([]);
    expect(sns.received.join('\n')).not.toContain(unsubscribe.Token);
    expect(sns.confirmations()).toHaveLength(1);
    expect(await subscriptionsOf(server, workflow.id)).toEqual([
      {
        topicArn: TEST_TOPIC_ARN,
        subscriptionArn: `${TEST_TOPIC_ARN}:2bcfbf39-05c3-41de-beaa-fcfcc21c8f55`,
        status: 'unsubscribed',
        confirmedAt: subscription!.confirmedAt,
        unsubscribedAt: expect.any(String) as string,
      },
    ]);

    // 6. The delivery log has all four, newest first, without the key, signatures or tokens.
    const deliveries = await deliveriesOf(server, workflow.id);
    expect(deliveries.map((d) => [d.outcome, d.status, d.triggerType])).toEqual([
      ['handshake', 200, 'amazon-sns'],
      ['duplicate', 200, 'amazon-sns'],
      ['accepted', 202, 'amazon-sns'],
      ['handshake', 200, 'amazon-sns'],
    ]);
    expect(deliveries[2]).toMatchObject({ executionId, deliveryKey: notification.MessageId });
    expect(deliveries[1]).toMatchObject({ executionId, deliveryKey: notification.MessageId });
    const secrets = [
      key.key,
      ...sent.map((m) => m.Signature),
      confirmation.Token,
      unsubscribe.Token,
      confirmation.SubscribeURL,
    ];
    expectNoSecretIn([JSON.stringify(deliveries)], secrets);
    expectNoSecretIn(server.logLines, secrets);
  });

  it('verifies SignatureVersion 2 and hands a message that is not JSON to the run as the string', async () => {
    const notification = signedNotification(
      { origin: sns.origin, timestamp: new Date(), version: '2' },
      { Message: 'plain text, not {json' },
    );
    const accepted = await postSns(url, notification);
    expect(accepted.status, accepted.text).toBe(202);
    const run = await waitForRun(server, accepted.body.executionId);
    const trigger = expectedTrigger(notification, 'plain text, not {json');
    expect(run).toMatchObject({ status: 'completed', nodes: { echo: { status: 'succeeded', output: trigger } } });
    expect(run.nodes.echo!.output).toEqual({ ...trigger, subject: null, messageAttributes: {} });
  });
});
