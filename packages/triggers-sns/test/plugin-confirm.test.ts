import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createAmazonSnsTrigger, type SnsTriggerConfig } from '../src';
import { TestHttpClient } from './support/outbound-http';
import { refusalOf } from './support/refusal';
import {
  SnsEndpointDouble,
  signedConfirmation,
  signedNotification,
  subscribeUrlFor,
  TEST_TOPIC_ARN,
} from '../src/testing';
import { createInMemoryStateStore } from '@hookflow/sdk/testing';
import { createTestContext, snsRequest } from './support/trigger-context';

const NOW = new Date('2031-03-14T15:09:26.000Z');
const SENT = new Date(NOW.getTime() - 5_000);

const sns = new SnsEndpointDouble();
beforeAll(() => sns.start());
afterAll(() => sns.stop());
beforeEach(() => sns.reset());

function setup(config: SnsTriggerConfig = {}, state = createInMemoryStateStore(), trustedOrigins = [sns.origin]) {
  const plugin = createAmazonSnsTrigger();
  const http = new TestHttpClient();
  const { ctx } = createTestContext({ now: NOW, http, config, trustedOrigins, state });
  /** parse, then confirm when it is a handshake: what the server does with an SNS request. */
  async function deliver(message: unknown) {
    const request = snsRequest(message);
    const parsed = await plugin.parse(request, ctx);
    if (parsed.kind !== 'handshake') return parsed;
    return plugin.confirm!(parsed.handshake, request, ctx);
  }
  const describeWorkflow = () => plugin.describe!({ state: ctx.state, config: ctx.config });
  return { plugin, ctx, http, deliver, describeWorkflow };
}

function subscriptionConfirmation() {
  return signedConfirmation('SubscriptionConfirmation', { origin: sns.origin, timestamp: SENT });
}

describe('confirm: SubscriptionConfirmation', () => {
  it('GETs the SubscribeURL, records the subscription and answers 200', async () => {
    const { deliver, describeWorkflow } = setup();
    const message = subscriptionConfirmation();
    const reply = await deliver(message);

    expect(sns.confirmations()).toEqual([`GET ${message.SubscribeURL.slice(sns.origin.length)}`]);
    const subscriptionArn = sns.confirmed[0]!;
    expect(subscriptionArn).toMatch(new RegExp(`^${TEST_TOPIC_ARN}:[0-9a-f-]{36}$`));
    expect(reply).toEqual({ status: 200, body: { status: 'confirmed', topicArn: TEST_TOPIC_ARN, subscriptionArn } });
    await expect(describeWorkflow()).resolves.toEqual({
      pinnedTopicArn: TEST_TOPIC_ARN,
      subscriptions: [
        {
          topicArn: TEST_TOPIC_ARN,
          subscriptionArn,
          status: 'confirmed',
          confirmationMessageId: message.MessageId,
          confirmedAt: NOW.toISOString(),
          unsubscribedAt: null,
        },
      ],
    });
  });

  it('describes no subscriptions before any confirmation', async () => {
    await expect(setup().describeWorkflow()).resolves.toEqual({ pinnedTopicArn: null, subscriptions: [] });
  });

  it.each([500, 403, 302])(
    'answers 502 when SNS answers the confirmation with %i, recording nothing',
    async (status) => {
      const { deliver, describeWorkflow } = setup();
      sns.confirmStatus = status;
      const error = await refusalOf(deliver(subscriptionConfirmation()));
      expect(error).toMatchObject({ status: 502, code: 'subscription_confirmation_failed' });
      expect(sns.confirmations()).toHaveLength(1);
      await expect(describeWorkflow()).resolves.toMatchObject({ subscriptions: [] });
    },
  );

  it('answers 502 when the confirmation endpoint cannot be reached', async () => {
    const closed = new SnsEndpointDouble();
    await closed.start();
    await closed.stop();
    const { plugin, ctx } = setup({}, createInMemoryStateStore(), [closed.origin]);
    const handshake = {
      type: 'SubscriptionConfirmation',
      topicArn: TEST_TOPIC_ARN,
      messageId: 'm-1',
      timestamp: SENT.toISOString(),
      subscribeUrl: subscribeUrlFor(closed.origin, TEST_TOPIC_ARN, 'abc'),
    };
    const error = await refusalOf(plugin.confirm!(handshake, snsRequest({}), ctx));
    expect(error).toMatchObject({ status: 502, code: 'subscription_confirmation_failed' });
  });

  it('records a null ARN when the confirmation response names none', async () => {
    const { deliver, describeWorkflow } = setup();
    sns.routePath('GET /', () => ({ status: 200, body: '<ConfirmSubscriptionResponse/>' }));
    await expect(deliver(subscriptionConfirmation())).resolves.toMatchObject({
      status: 200,
      body: { subscriptionArn: null },
    });
    await expect(describeWorkflow()).resolves.toMatchObject({
      subscriptions: [{ status: 'confirmed', subscriptionArn: null }],
    });
  });

  it.each([
    ['instance metadata', 'http://169.254.169.254/latest/meta-data/'],
    ['another topic', () => subscribeUrlFor(sns.origin, 'arn:aws:sns:us-east-1:123456789012:other', 'abc')],
    [
      'an https look-alike',
      `https://sns.us-east-1.amazonaws.com.evil.com/?Action=ConfirmSubscription&TopicArn=${TEST_TOPIC_ARN}&Token=abc`,
    ],
  ])('refuses a handshake whose SubscribeURL points to %s, without fetching it', async (_case, url) => {
    const { plugin, ctx, http } = setup();
    const handshake = {
      type: 'SubscriptionConfirmation',
      topicArn: TEST_TOPIC_ARN,
      messageId: 'm-1',
      timestamp: SENT.toISOString(),
      subscribeUrl: typeof url === 'function' ? url() : url,
    };
    const error = await refusalOf(plugin.confirm!(handshake, snsRequest({}), ctx));
    expect(error).toMatchObject({ status: 403, code: 'invalid_subscribe_url' });
    expect(http.requested).toEqual([]);
    expect(sns.received).toEqual([]);
  });

  it('refuses a handshake it did not produce', async () => {
    const { plugin, ctx, http } = setup();
    const error = await refusalOf(plugin.confirm!({ url: 'http://169.254.169.254/' }, snsRequest({}), ctx));
    expect(error.status).toBe(500);
    expect(http.requested).toEqual([]);
  });
});

describe('confirm: UnsubscribeConfirmation', () => {
  it('records the unsubscription, answers 200 and never visits the SubscribeURL', async () => {
    const state = createInMemoryStateStore();
    const { deliver, describeWorkflow } = setup({}, state);
    await deliver(subscriptionConfirmation());
    const confirmedArn = sns.confirmed[0]!;
    sns.received.length = 0;

    const unsubscribe = signedConfirmation('UnsubscribeConfirmation', { origin: sns.origin, timestamp: SENT });
    const reply = await deliver(unsubscribe);
    const namedArn = `${TEST_TOPIC_ARN}:2bcfbf39-05c3-41de-beaa-fcfcc21c8f55`;
    expect(reply).toEqual({
      status: 200,
      body: { status: 'unsubscribed', topicArn: TEST_TOPIC_ARN, subscriptionArn: namedArn },
    });
    expect(sns.confirmations()).toEqual([]);
    expect(sns.received.some((line) => line.includes(unsubscribe.Token))).toBe(false);
    expect(confirmedArn).not.toBe(namedArn);
    await expect(describeWorkflow()).resolves.toEqual({
      pinnedTopicArn: TEST_TOPIC_ARN,
      subscriptions: [
        {
          topicArn: TEST_TOPIC_ARN,
          subscriptionArn: namedArn,
          status: 'unsubscribed',
          confirmedAt: NOW.toISOString(),
          unsubscribedAt: NOW.toISOString(),
        },
      ],
    });
  });
});

describe('topics without an allow-list: the first confirmed topic is pinned', () => {
  const OTHER_TOPIC = 'arn:aws:sns:us-east-1:210987654321:someone-elses';

  it('refuses confirmations and notifications of any other topic, without fetching anything', async () => {
    const { deliver, describeWorkflow } = setup();
    await expect(deliver(subscriptionConfirmation())).resolves.toMatchObject({ status: 200 });
    sns.received.length = 0;

    const foreign = signedConfirmation('SubscriptionConfirmation', {
      origin: sns.origin,
      timestamp: SENT,
      topicArn: OTHER_TOPIC,
    });
    expect(await refusalOf(deliver(foreign))).toMatchObject({ status: 403, code: 'topic_not_allowed' });
    const foreignNotification = signedNotification({ origin: sns.origin, timestamp: SENT, topicArn: OTHER_TOPIC });
    expect(await refusalOf(deliver(foreignNotification))).toMatchObject({ status: 403, code: 'topic_not_allowed' });
    expect(sns.received).toEqual([]);

    const own = signedNotification({ origin: sns.origin, timestamp: SENT });
    await expect(deliver(own)).resolves.toMatchObject({ kind: 'event', deliveryKey: own.MessageId });
    await expect(describeWorkflow()).resolves.toMatchObject({
      pinnedTopicArn: TEST_TOPIC_ARN,
      subscriptions: [{ topicArn: TEST_TOPIC_ARN, status: 'confirmed' }],
    });
  });

  it('refuses a notification before any topic was confirmed (a replay of a message sent elsewhere)', async () => {
    const { deliver } = setup();
    const notification = signedNotification({ origin: sns.origin, timestamp: SENT });
    expect(await refusalOf(deliver(notification))).toMatchObject({ status: 403, code: 'topic_not_allowed' });
  });

  it('answers a repeated confirmation (same MessageId) with 200 and no second GET', async () => {
    const { deliver } = setup();
    const message = subscriptionConfirmation();
    const first = await deliver(message);
    await expect(deliver(message)).resolves.toEqual(first);
    expect(sns.confirmations()).toHaveLength(1);
  });

  it('refuses a confirmation issued before a recorded unsubscribe, and accepts a newer one', async () => {
    const state = createInMemoryStateStore();
    const { deliver } = setup({}, state);
    const original = subscriptionConfirmation();
    await deliver(original);
    await deliver(signedConfirmation('UnsubscribeConfirmation', { origin: sns.origin, timestamp: SENT }));
    sns.received.length = 0;

    expect(await refusalOf(deliver(original))).toMatchObject({ status: 403, code: 'topic_unsubscribed' });
    const replayed = signedConfirmation('SubscriptionConfirmation', { origin: sns.origin, timestamp: SENT });
    expect(await refusalOf(deliver(replayed))).toMatchObject({ status: 403, code: 'topic_unsubscribed' });
    expect(sns.received).toEqual([]);

    // The operator subscribes again: SNS issues a new confirmation, after the unsubscribe.
    const later = new Date(NOW.getTime() + 60_000);
    const plugin = createAmazonSnsTrigger();
    const { ctx } = createTestContext({ now: later, http: new TestHttpClient(), trustedOrigins: [sns.origin], state });
    const fresh = signedConfirmation('SubscriptionConfirmation', {
      origin: sns.origin,
      timestamp: new Date(later.getTime() - 1_000),
    });
    const parsed = await plugin.parse(snsRequest(fresh), ctx);
    expect(parsed.kind).toBe('handshake');
    if (parsed.kind !== 'handshake') return;
    await expect(plugin.confirm!(parsed.handshake, snsRequest(fresh), ctx)).resolves.toMatchObject({ status: 200 });
    expect(sns.confirmations()).toHaveLength(1);
  });
});

describe('a subscription lifecycle', () => {
  it('confirms, runs notifications, then records the unsubscribe', async () => {
    const { deliver, describeWorkflow } = setup({ topicArns: [TEST_TOPIC_ARN] });
    await expect(deliver(subscriptionConfirmation())).resolves.toMatchObject({ status: 200 });
    const first = signedNotification({ origin: sns.origin, timestamp: SENT });
    const second = signedNotification({ origin: sns.origin, timestamp: SENT, version: '2' }, { Message: 'two' });
    await expect(deliver(first)).resolves.toMatchObject({ kind: 'event', deliveryKey: first.MessageId });
    await expect(deliver(second)).resolves.toMatchObject({ kind: 'event', payload: { message: 'two' } });
    await expect(
      deliver(signedConfirmation('UnsubscribeConfirmation', { origin: sns.origin, timestamp: SENT })),
    ).resolves.toMatchObject({ status: 200 });
    await expect(describeWorkflow()).resolves.toMatchObject({ subscriptions: [{ status: 'unsubscribed' }] });
    expect(sns.confirmations()).toHaveLength(1);
  });
});
