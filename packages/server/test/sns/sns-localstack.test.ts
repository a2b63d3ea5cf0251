import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  findPython,
  LOCALSTACK_VERSION,
  startLocalStack,
  xmlValue,
  type LocalStack,
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
  postSns,
  SNS_PLUGINS,
  snsWorkflow,
  subscriptionsOf,
  type CreatedSnsWorkflow,
} from './support/sns-fixtures';

/**
 * The amazon-sns trigger end to end against an SNS implementation that is not ours: LocalStack's, run without
 * Docker (see `@hookflow/triggers-sns/testing`). Opt out with HOOKFLOW_SKIP_LOCALSTACK=1 on machines without
 * Python >= 3.12 or PyPI access; otherwise a missing prerequisite fails loudly instead of silently skipping.
 */
const optedOut = process.env.HOOKFLOW_SKIP_LOCALSTACK === '1';

interface Captured {
  headers: IncomingHttpHeaders;
  body: string;
}

/**
 * A second subscriber of the topic that keeps what SNS sent it. SNS sends every subscriber the same signed
 * message (same MessageId, same signature), so its copy is what SNS would POST to Hookflow again on a retry.
 */
async function startTap(): Promise<{ url: string; received: Captured[]; server: Server }> {
  const received: Captured[] = [];
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      received.push({ headers: request.headers, body: Buffer.concat(chunks).toString('utf8') });
      response.writeHead(200).end();
    });
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/tap`, received, server };
}

async function waitFor<T>(
  find: () => T | undefined | Promise<T | undefined>,
  what: string,
  explain: () => Promise<string> = () => Promise.resolve(''),
  timeoutMs = 15_000,
) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const found = await find();
    if (found !== undefined) return found;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}${await explain()}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** `<member>` blocks of a ListSubscriptionsByTopic response, as `{SubscriptionArn, Endpoint, …}`. */
function members(xml: string): Record<string, string>[] {
  return [...xml.matchAll(/<member>([\s\S]*?)<\/member>/g)].map(([, member]) =>
    Object.fromEntries([...member!.matchAll(/<(\w+)>([^<]*)<\/\1>/g)].map(([, name, value]) => [name!, value!])),
  );
}

/** XML text as SNS escapes it (`&amp;` in endpoint URLs). */
function unescapeXml(text: string): string {
  return text
    .replace(/&quot;/g, '"')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
}

describe.skipIf(optedOut)(`amazon-sns through the server against LocalStack ${LOCALSTACK_VERSION} SNS`, () => {
  let localstack: LocalStack;
  let tap: Awaited<ReturnType<typeof startTap>>;
  let server: TestServer;
  let key: TestKey;
  let topicArn: string;
  let workflow: CreatedSnsWorkflow;

  beforeAll(async () => {
    const python = findPython();
    if (python === undefined) {
      throw new Error('LocalStack needs Python >= 3.12: set HOOKFLOW_LOCALSTACK_PYTHON, or HOOKFLOW_SKIP_LOCALSTACK=1');
    }
    [localstack, tap] = await Promise.all([startLocalStack(python), startTap()]);
    server = await startTestServer({
      plugins: SNS_PLUGINS,
      env: { HOOKFLOW_SNS_TRUSTED_ORIGINS: localstack.endpoint },
    });
    key = await createKey(server);
    topicArn = xmlValue(await localstack.sns('CreateTopic', { Name: 'hookflow-server-e2e' }), 'TopicArn')!;
    workflow = await createSnsWorkflow(server, snsWorkflow(key.name, { topicArns: [topicArn] }));
  }, 15 * 60_000);

  afterAll(async () => {
    await server?.close();
    await localstack?.stop();
    if (tap) await new Promise((done) => tap.server.close(done));
  });

  it('confirms the subscription on its own, runs a published message once, and answers a redelivery as a duplicate', async () => {
    const endpoint = endpointUrl(workflow, key.key);

    // 1. Subscribe the workflow URL; LocalStack sends the SubscriptionConfirmation and Hookflow confirms it.
    const subscribed = await localstack.sns('Subscribe', {
      TopicArn: topicArn,
      Protocol: 'http',
      Endpoint: endpoint,
      // Without it SNS answers "pending confirmation" instead of the ARN.
      ReturnSubscriptionArn: 'true',
    });
    const subscriptionArn = xmlValue(subscribed, 'SubscriptionArn')!;
    expect(subscriptionArn).toMatch(new RegExp(`^${topicArn}:[0-9a-f-]{36}$`));
    // LocalStack lists a pending subscription under its ARN already; PendingConfirmation says whether it is confirmed.
    const pending = async () =>
      /<key>PendingConfirmation<\/key>\s*<value>(\w+)<\/value>/.exec(
        await localstack.sns('GetSubscriptionAttributes', { SubscriptionArn: subscriptionArn }),
      )?.[1];
    await waitFor(
      async () => ((await pending()) === 'false' ? true : undefined),
      'LocalStack to confirm the subscription',
      async () =>
        `; Hookflow's delivery log: ${JSON.stringify(await deliveriesOf(server, workflow.id))}\n` +
        `LocalStack's log: ${localstack.log()}`,
    );
    const listed = members(await localstack.sns('ListSubscriptionsByTopic', { TopicArn: topicArn }));
    expect(listed.map((m) => [m.SubscriptionArn, unescapeXml(m.Endpoint ?? '')])).toEqual([
      [subscriptionArn, endpoint],
    ]);
    expect(await subscriptionsOf(server, workflow.id)).toEqual([
      {
        topicArn,
        subscriptionArn,
        status: 'confirmed',
        confirmationMessageId: expect.any(String) as string,
        confirmedAt: expect.any(String) as string,
        unsubscribedAt: null,
      },
    ]);

    // A second subscriber, confirmed by hand, keeps a copy of what SNS sends.
    await localstack.sns('Subscribe', { TopicArn: topicArn, Protocol: 'http', Endpoint: tap.url });
    const tapConfirmation = await waitFor(() => tap.received[0], 'the tap SubscriptionConfirmation');
    const { Token } = JSON.parse(tapConfirmation.body) as { Token: string };
    await localstack.sns('ConfirmSubscription', { TopicArn: topicArn, Token });

    // 2. Publish: LocalStack delivers the notification and the workflow runs with it.
    await localstack.sns('Publish', {
      TopicArn: topicArn,
      Message: '{"orderId":"o-ls","amount":150}',
      Subject: 'order placed',
      'MessageAttributes.entry.1.Name': 'priority',
      'MessageAttributes.entry.1.Value.DataType': 'String',
      'MessageAttributes.entry.1.Value.StringValue': 'high',
    });
    const [summary] = await executionsOf(server, workflow.id);
    const run = await waitForRun(server, summary!.executionId);
    expect(run).toMatchObject({
      status: 'completed',
      trigger: {
        type: 'amazon-sns',
        payload: {
          message: { orderId: 'o-ls', amount: 150 },
          subject: 'order placed',
          topicArn,
          messageId: expect.any(String) as string,
          timestamp: expect.any(String) as string,
          messageAttributes: { priority: { Type: 'String', Value: 'high' } },
        },
      },
      nodes: { echo: { status: 'succeeded', output: { message: { orderId: 'o-ls', amount: 150 } } } },
    });
    const messageId = (run.trigger.payload as { messageId: string }).messageId;
    expect(run.executionId).toBe(`${workflow.id}:${messageId}`);

    // 3. The same message delivered again, as SNS does when it retries: 200 duplicate, no second run.
    const copy = await waitFor(
      () => tap.received.find((r) => r.headers['x-amz-sns-message-type'] === 'Notification'),
      'the tap copy of the notification',
    );
    const document = JSON.parse(copy.body) as Record<string, unknown>;
    expect(document).toMatchObject({ Type: 'Notification', MessageId: messageId, TopicArn: topicArn });
    const redelivered = await postSns(endpoint, copy.body, {
      'content-type': String(copy.headers['content-type']),
      'x-amz-sns-message-type': 'Notification',
      'x-amz-sns-message-id': messageId,
      'x-amz-sns-topic-arn': topicArn,
    });
    expect(redelivered.status, redelivered.text).toBe(200);
    expect(redelivered.body).toEqual({ executionId: run.executionId, status: 'duplicate' });
    expect((await waitForRun(server, run.executionId)).runId).toBe(run.runId);
    const runs = await executionsOf(server, workflow.id);
    expect(runs.map((r) => r.executionId)).toEqual([run.executionId]);

    // 4. The delivery log tells the story, without the key or the signature.
    const deliveries = await deliveriesOf(server, workflow.id);
    expect(deliveries.map((d) => [d.outcome, d.status, d.deliveryKey])).toEqual([
      ['duplicate', 200, messageId],
      ['accepted', 202, messageId],
      ['handshake', 200, undefined],
    ]);
    const secrets = [key.key, String(document.Signature), Token];
    expectNoSecretIn([JSON.stringify(deliveries)], secrets);
    expectNoSecretIn(server.logLines, secrets);
  });
});
