import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { TriggerRequest } from '@hookflow/sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAmazonSnsTrigger } from '../src';
import { findPython, LOCALSTACK_VERSION, startLocalStack, xmlValue, type LocalStack } from '../src/testing';
import { TestHttpClient } from './support/outbound-http';
import { createTestContext } from './support/trigger-context';

/**
 * End-to-end against LocalStack's SNS, run without Docker (see src/testing/localstack.ts). Opt out with
 * HOOKFLOW_SKIP_LOCALSTACK=1 on machines without Python >= 3.12 or PyPI access; otherwise a missing
 * prerequisite fails loudly instead of silently skipping.
 */
const optedOut = process.env.HOOKFLOW_SKIP_LOCALSTACK === '1';

interface Received {
  request: TriggerRequest;
  body: string;
}

/** A plain HTTP endpoint that answers 200 to everything and keeps what it received. */
async function startReceiver(): Promise<{ url: string; received: Received[]; server: Server }> {
  const received: Received[] = [];
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const rawBody = Buffer.concat(chunks);
      const url = new URL(request.url ?? '/', 'http://receiver');
      received.push({
        body: rawBody.toString('utf8'),
        request: {
          method: request.method ?? 'POST',
          headers: request.headers,
          query: Object.fromEntries(url.searchParams),
          rawBody,
          sourceIp: request.socket.remoteAddress ?? '',
          receivedAt: new Date(),
        },
      });
      response.writeHead(200).end();
    });
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/webhooks/wf-sns`, received, server };
}

async function waitFor<T>(find: () => T | undefined, what: string, timeoutMs = 15_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const found = find();
    if (found !== undefined) return found;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

describe.skipIf(optedOut)(`LocalStack ${LOCALSTACK_VERSION} SNS, without Docker`, () => {
  let localstack: LocalStack;
  let receiver: Awaited<ReturnType<typeof startReceiver>>;

  beforeAll(async () => {
    const python = findPython();
    if (python === undefined) {
      throw new Error('LocalStack needs Python >= 3.12: set HOOKFLOW_LOCALSTACK_PYTHON, or HOOKFLOW_SKIP_LOCALSTACK=1');
    }
    receiver = await startReceiver();
    localstack = await startLocalStack(python);
  }, 15 * 60_000);

  afterAll(async () => {
    await localstack?.stop();
    await new Promise((done) => receiver?.server.close(done));
  });

  it('delivers a SubscriptionConfirmation to a plain local HTTP endpoint, then notifications the plugin verifies', async () => {
    const topicArn = xmlValue(await localstack.sns('CreateTopic', { Name: 'hookflow-e2e' }), 'TopicArn')!;
    expect(topicArn).toBe('arn:aws:sns:us-east-1:000000000000:hookflow-e2e');
    await localstack.sns('Subscribe', {
      TopicArn: topicArn,
      Protocol: 'http',
      Endpoint: `${receiver.url}?x-api-key=k`,
    });

    // 1. The plain endpoint receives the confirmation, as SNS sends it.
    const confirmation = await waitFor(() => receiver.received[0], 'the SubscriptionConfirmation');
    expect(confirmation.request.headers['x-amz-sns-message-type']).toBe('SubscriptionConfirmation');
    expect(confirmation.request.query).toEqual({ 'x-api-key': 'k' });
    const document = JSON.parse(confirmation.body) as Record<string, string>;
    expect(document).toMatchObject({ Type: 'SubscriptionConfirmation', TopicArn: topicArn, SignatureVersion: '1' });
    expect(document.SubscribeURL).toMatch(new RegExp(`^${localstack.endpoint}/\\?Action=ConfirmSubscription&`));

    // 2. The plugin verifies LocalStack's signature (trusted origin), confirms and records the subscription.
    const plugin = createAmazonSnsTrigger();
    const http = new TestHttpClient();
    const { ctx } = createTestContext({
      now: new Date(),
      http,
      trustedOrigins: [localstack.endpoint],
      config: { topicArns: [topicArn] },
    });
    const handshake = await plugin.parse(confirmation.request, ctx);
    expect(handshake.kind).toBe('handshake');
    if (handshake.kind !== 'handshake') return;
    const reply = await plugin.confirm!(handshake.handshake, confirmation.request, ctx);
    const subscriptions = await localstack.sns('ListSubscriptionsByTopic', { TopicArn: topicArn });
    const subscriptionArn = xmlValue(subscriptions, 'SubscriptionArn');
    expect(subscriptionArn).toMatch(new RegExp(`^${topicArn}:[0-9a-f-]{36}$`));
    expect(reply).toEqual({ status: 200, body: { status: 'confirmed', topicArn, subscriptionArn } });

    // 3. Notifications now arrive, signed with version 1 and then 2, and become events.
    await localstack.sns('Publish', { TopicArn: topicArn, Message: '{"orderId":"o-42"}', Subject: 'order' });
    await localstack.sns('SetTopicAttributes', {
      TopicArn: topicArn,
      AttributeName: 'SignatureVersion',
      AttributeValue: '2',
    });
    await localstack.sns('Publish', { TopicArn: topicArn, Message: 'second' });
    const notifications = await waitFor(() => {
      const found = receiver.received.filter((r) => r.request.headers['x-amz-sns-message-type'] === 'Notification');
      return found.length >= 2 ? found : undefined;
    }, 'two notifications');

    const versions = notifications.map((n) => (JSON.parse(n.body) as { SignatureVersion: string }).SignatureVersion);
    expect(versions).toEqual(['1', '2']);
    const events = await Promise.all(notifications.map((n) => plugin.parse(n.request, ctx)));
    expect(events[0]).toMatchObject({
      kind: 'event',
      payload: { message: { orderId: 'o-42' }, subject: 'order', topicArn },
    });
    expect(events[1]).toMatchObject({ kind: 'event', payload: { message: 'second', subject: null } });

    // 4. A notification altered on the way is refused.
    const tampered = {
      ...notifications[1]!.request,
      rawBody: Buffer.from(notifications[1]!.body.replace('second', 'forged')),
    };
    await expect(plugin.parse(tampered, ctx)).rejects.toMatchObject({ status: 403, code: 'signature_invalid' });
  });
});
