import { SnsEndpointDouble, signedNotification, TEST_TOPIC_ARN } from '@hookflow/triggers-sns/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../support/test-server';
import { createKey, deliveriesOf, type TestKey } from '../webhooks/support/webhook-fixtures';
import {
  createSnsWorkflow,
  endpointUrl,
  executionsOf,
  postSns,
  SNS_PLUGINS,
  snsWorkflow,
  type CreatedSnsWorkflow,
} from './support/sns-fixtures';

/**
 * SNS counts every 4xx as delivered and retries only on 5xx, and its subscription URL carries the key: the
 * per-key limit must be spent by verified messages only, and a limited message must be answered 503 so that
 * SNS delivers it again later.
 */
describe('amazon-sns under the per-key rate limit', () => {
  let sns: SnsEndpointDouble;
  let server: TestServer;
  let key: TestKey;
  let workflow: CreatedSnsWorkflow;
  let url: string;

  beforeAll(async () => {
    sns = await new SnsEndpointDouble().start();
    server = await startTestServer({
      plugins: SNS_PLUGINS,
      env: {
        HOOKFLOW_SNS_TRUSTED_ORIGINS: sns.origin,
        // One token a second, two at once: a flood would empty it many times over.
        HOOKFLOW_WEBHOOK_RATE_LIMIT: '1',
        HOOKFLOW_WEBHOOK_RATE_BURST: '2',
        HOOKFLOW_WEBHOOK_AUTH_FAILURES: '1000',
      },
    });
    key = await createKey(server);
    workflow = await createSnsWorkflow(server, snsWorkflow(key.name, { topicArns: [TEST_TOPIC_ARN] }));
    url = endpointUrl(workflow, key.key);
  });
  afterAll(async () => {
    await server?.close();
    await sns?.stop();
  });

  it('forged and unsigned messages sent with the subscription URL do not spend the key’s tokens', async () => {
    for (let i = 0; i < 10; i++) {
      const forged = { ...signedNotification({ origin: sns.origin, timestamp: new Date() }), Message: `junk ${i}` };
      expect((await postSns(url, forged)).status).toBe(403);
      expect(
        (await postSns(url, { Type: 'Notification', junk: i }, { 'x-amz-sns-message-type': 'Notification' })).status,
      ).toBe(400);
    }
    const real = signedNotification({ origin: sns.origin, timestamp: new Date() });
    const answer = await postSns(url, real);
    expect(answer.status, answer.text).toBe(202);
    expect(answer.body.executionId).toBe(`${workflow.id}:${real.MessageId}`);
  });

  it('a verified message over the limit is answered 503 with Retry-After (never 429), and SNS’s retry runs it once', async () => {
    await new Promise((resolve) => setTimeout(resolve, 2_100)); // the bucket refills
    const messages = [1, 2, 3].map(() => signedNotification({ origin: sns.origin, timestamp: new Date() }));
    // At once, so that the bucket cannot refill in between even on a slow machine.
    const answers = await Promise.all(messages.map((message) => postSns(url, message)));
    expect(answers.map((a) => a.status).sort()).toEqual([202, 202, 503]);
    const limitedAt = answers.findIndex((a) => a.status === 503);
    const limited = answers[limitedAt]!;
    const limitedMessage = messages[limitedAt]!;
    expect(limited.body.error.code).toBe('unavailable');
    const retryAfter = Number(limited.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThanOrEqual(1);

    // SNS retries the same message later: it runs, once.
    await new Promise((resolve) => setTimeout(resolve, retryAfter * 1000));
    const retried = await postSns(url, limitedMessage);
    expect(retried.status, retried.text).toBe(202);
    const runs = await executionsOf(server, workflow.id, 4);
    expect(runs.filter((run) => run.executionId === `${workflow.id}:${limitedMessage.MessageId}`)).toHaveLength(1);

    const deliveries = await deliveriesOf(server, workflow.id);
    expect(deliveries.filter((d) => d.status === 429)).toEqual([]);
    expect(deliveries.find((d) => d.status === 503)).toMatchObject({
      outcome: 'rejected',
      errorCode: 'unavailable',
      reason: 'API key over its rate limit',
      deliveryKey: limitedMessage.MessageId,
    });
  });
});
