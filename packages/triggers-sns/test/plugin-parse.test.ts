import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import amazonSnsTrigger, { AMAZON_SNS_TRIGGER_TYPE, createAmazonSnsTrigger, type SnsTriggerConfig } from '../src';
import { justAfter, loadAwsFixtures } from './support/aws-fixtures';
import { StaticHttpClient, TestHttpClient } from './support/outbound-http';
import { refusalOf } from './support/refusal';
import {
  sign,
  SnsEndpointDouble,
  signedConfirmation,
  signedNotification,
  subscribeUrlFor,
  TEST_CERT_PATH,
  TEST_TOPIC_ARN,
} from '../src/testing';
import { createTestContext, snsRequest } from './support/trigger-context';

const NOW = new Date('2031-03-14T15:09:26.000Z');
const SENT = new Date(NOW.getTime() - 5_000);

const sns = new SnsEndpointDouble();
beforeAll(() => sns.start());
afterAll(() => sns.stop());
beforeEach(() => sns.reset());

/** The test topic is allowed by default (pinning without an allow-list is covered in plugin-confirm). */
const TEST_TOPIC_ONLY: SnsTriggerConfig = { topicArns: [TEST_TOPIC_ARN] };

function setup(options: { config?: SnsTriggerConfig; trustedOrigins?: string[]; maxAgeSeconds?: number } = {}) {
  const plugin = createAmazonSnsTrigger();
  const http = new TestHttpClient();
  const { ctx, warn, state } = createTestContext({
    now: NOW,
    http,
    config: { ...TEST_TOPIC_ONLY, ...options.config },
    trustedOrigins: options.trustedOrigins ?? [sns.origin],
    ...(options.maxAgeSeconds === undefined ? {} : { maxAgeSeconds: options.maxAgeSeconds }),
  });
  return { plugin, ctx, http, warn, state };
}

describe('amazon-sns plugin declaration', () => {
  it('declares the docs/webhooks.md contract', () => {
    expect(amazonSnsTrigger).toMatchObject({
      kind: 'trigger',
      type: AMAZON_SNS_TRIGGER_TYPE,
      accepts: 'any',
      auth: { name: 'api-key-query-or-header:x-api-key' },
    });
    expect(AMAZON_SNS_TRIGGER_TYPE).toBe('amazon-sns');
    expect(amazonSnsTrigger.configSchema).toMatchObject({
      properties: { topicArns: { type: 'array' }, allowRawDelivery: { type: 'boolean' } },
    });
  });

  it('authenticates with the key in the query, or in the header', async () => {
    const verifyApiKey = (key: string | undefined) => Promise.resolve(key === 'good');
    const base = snsRequest({ Type: 'Notification' });
    const inQuery = { ...base, query: { 'x-api-key': 'good' } };
    const inHeader = { ...base, query: {}, headers: { ...base.headers, 'x-api-key': 'good' } };
    const wrong = { ...base, query: { 'x-api-key': 'bad' } };
    const ctx = { config: {}, verifyApiKey };
    await expect(amazonSnsTrigger.auth.authenticate(inQuery, ctx)).resolves.toEqual({ ok: true });
    await expect(amazonSnsTrigger.auth.authenticate(inHeader, ctx)).resolves.toEqual({ ok: true });
    await expect(amazonSnsTrigger.auth.authenticate(wrong, ctx)).resolves.toMatchObject({
      ok: false,
      code: 'unauthorized',
    });
  });
});

describe('parse: notifications', () => {
  it('turns a verified Notification into an event keyed by MessageId', async () => {
    const { plugin, ctx } = setup();
    const message = signedNotification(
      { origin: sns.origin, timestamp: SENT },
      { MessageAttributes: { color: { Type: 'String', Value: 'blue' } } },
    );
    const result = await plugin.parse(snsRequest(message), ctx);
    expect(result).toEqual({
      kind: 'event',
      deliveryKey: message.MessageId,
      payload: {
        message: { orderId: 'o-1', amount: 150 },
        subject: null,
        topicArn: TEST_TOPIC_ARN,
        messageId: message.MessageId,
        timestamp: message.Timestamp,
        messageAttributes: { color: { Type: 'String', Value: 'blue' } },
      },
    });
  });

  it('keeps a non-JSON message as text, with its subject, under SignatureVersion 2', async () => {
    const { plugin, ctx } = setup();
    const message = signedNotification(
      { origin: sns.origin, timestamp: SENT, version: '2' },
      { Message: 'disk almost full', Subject: 'Alarm' },
    );
    const result = await plugin.parse(snsRequest(message), ctx);
    expect(result).toMatchObject({
      kind: 'event',
      payload: { message: 'disk almost full', subject: 'Alarm', messageAttributes: {} },
    });
  });

  it('verifies a real AWS-signed notification through the plugin', async () => {
    const fixture = loadAwsFixtures().find((f) => f.name === 'php2022-msg4')!;
    const http = new StaticHttpClient({ [fixture.message.SigningCertURL!]: fixture.certificatePem });
    const { ctx, warn } = createTestContext({
      now: justAfter(fixture.message.Timestamp!),
      http,
      config: { topicArns: [fixture.message.TopicArn!] },
    });
    const result = await createAmazonSnsTrigger().parse(snsRequest(fixture.message), ctx);
    expect(result).toEqual({
      kind: 'event',
      deliveryKey: fixture.message.MessageId,
      payload: {
        message: 'Hello world',
        subject: 'Hello world',
        topicArn: fixture.message.TopicArn,
        messageId: fixture.message.MessageId,
        timestamp: fixture.message.Timestamp,
        messageAttributes: {},
      },
    });
    expect(http.requested).toEqual([fixture.message.SigningCertURL]);
    expect(warn).not.toHaveBeenCalled();
  });

  it('fetches the certificate once for many messages', async () => {
    const { plugin, ctx } = setup();
    for (let i = 0; i < 3; i++) {
      await plugin.parse(snsRequest(signedNotification({ origin: sns.origin, timestamp: SENT })), ctx);
    }
    expect(sns.received).toEqual([`GET ${TEST_CERT_PATH}`]);
  });

  it('warns once that trusted origins are set', async () => {
    const { plugin, ctx, warn } = setup();
    await plugin.parse(snsRequest(signedNotification({ origin: sns.origin, timestamp: SENT })), ctx);
    await plugin.parse(snsRequest(signedNotification({ origin: sns.origin, timestamp: SENT })), ctx);
    expect(warn).toHaveBeenCalledTimes(1);
    expect(warn.mock.calls[0]![0]).toEqual({ trustedOrigins: [sns.origin], ignoredEntries: [] });
  });
});

describe('parse: refusals', () => {
  it('400 invalid_payload for a body that is not JSON or not a complete message', async () => {
    const { plugin, ctx } = setup();
    const notJson = await refusalOf(
      plugin.parse(snsRequest('{"Type":', { 'x-amz-sns-message-type': 'Notification' }), ctx),
    );
    expect(notJson).toMatchObject({ status: 400, code: 'invalid_payload' });
    const { Signature: _dropped, ...unsigned } = signedNotification({ origin: sns.origin, timestamp: SENT });
    const incomplete = await refusalOf(plugin.parse(snsRequest(unsigned), ctx));
    expect(incomplete).toMatchObject({ status: 400, code: 'invalid_payload' });
    const badTopic = sign({ ...signedNotification({ origin: sns.origin, timestamp: SENT }), TopicArn: 'orders' });
    expect(await refusalOf(plugin.parse(snsRequest(badTopic), ctx))).toMatchObject({
      status: 400,
      code: 'invalid_payload',
    });
    expect(sns.received).toEqual([]);
  });

  it('400 message_type_mismatch when the header disagrees with the body or is missing', async () => {
    const { plugin, ctx } = setup();
    const message = signedNotification({ origin: sns.origin, timestamp: SENT });
    const mismatch = snsRequest(message, { 'x-amz-sns-message-type': 'SubscriptionConfirmation' });
    expect(await refusalOf(plugin.parse(mismatch, ctx))).toMatchObject({ status: 400, code: 'message_type_mismatch' });
    const missing = snsRequest(message);
    delete (missing.headers as Record<string, unknown>)['x-amz-sns-message-type'];
    expect(await refusalOf(plugin.parse(missing, ctx))).toMatchObject({ status: 400, code: 'message_type_mismatch' });
  });

  it('400 unsupported_message_type for an unknown Type', async () => {
    const { plugin, ctx } = setup();
    const message = { ...signedNotification({ origin: sns.origin, timestamp: SENT }), Type: 'Surprise' };
    expect(await refusalOf(plugin.parse(snsRequest(message), ctx))).toMatchObject({
      status: 400,
      code: 'unsupported_message_type',
    });
  });

  it('400 unsupported_signature_version for a version other than 1 or 2', async () => {
    const { plugin, ctx } = setup();
    const message = { ...signedNotification({ origin: sns.origin, timestamp: SENT }), SignatureVersion: '3' };
    expect(await refusalOf(plugin.parse(snsRequest(message), ctx))).toMatchObject({
      status: 400,
      code: 'unsupported_signature_version',
    });
    expect(sns.received).toEqual([]);
  });

  it('403 topic_not_allowed for a topic outside the allow-list, before any fetch', async () => {
    const { plugin, ctx } = setup({ config: { topicArns: ['arn:aws:sns:us-east-1:123456789012:other'] } });
    const message = signedNotification({ origin: sns.origin, timestamp: SENT });
    expect(await refusalOf(plugin.parse(snsRequest(message), ctx))).toMatchObject({
      status: 403,
      code: 'topic_not_allowed',
    });
    expect(sns.received).toEqual([]);

    const allowed = setup({ config: { topicArns: [TEST_TOPIC_ARN] } });
    await expect(allowed.plugin.parse(snsRequest(message), allowed.ctx)).resolves.toMatchObject({ kind: 'event' });
  });

  it('403 invalid_certificate_url for a certificate URL outside SNS and the trusted origins, never fetched', async () => {
    const { plugin, ctx, http } = setup({ trustedOrigins: [] });
    const local = signedNotification({ origin: sns.origin, timestamp: SENT });
    const metadata = sign({ ...local, SigningCertURL: `http://169.254.169.254${TEST_CERT_PATH}` });
    for (const message of [local, metadata]) {
      expect(await refusalOf(plugin.parse(snsRequest(message), ctx))).toMatchObject({
        status: 403,
        code: 'invalid_certificate_url',
      });
    }
    expect(http.requested).toEqual([]);
    expect(sns.received).toEqual([]);
  });

  it('403 signature_invalid when a signed field was changed', async () => {
    const { plugin, ctx } = setup();
    const message = signedNotification({ origin: sns.origin, timestamp: SENT });
    const tampered = { ...message, Message: '{"orderId":"o-1","amount":99999}' };
    expect(await refusalOf(plugin.parse(snsRequest(tampered), ctx))).toMatchObject({
      status: 403,
      code: 'signature_invalid',
    });
  });

  it('400 message_too_old past snsMaxAgeSeconds', async () => {
    const { plugin, ctx } = setup({ maxAgeSeconds: 60 });
    const old = signedNotification({ origin: sns.origin, timestamp: new Date(NOW.getTime() - 61_000) });
    expect(await refusalOf(plugin.parse(snsRequest(old), ctx))).toMatchObject({ status: 400, code: 'message_too_old' });
    const recent = signedNotification({ origin: sns.origin, timestamp: new Date(NOW.getTime() - 59_000) });
    await expect(plugin.parse(snsRequest(recent), ctx)).resolves.toMatchObject({ kind: 'event' });
  });

  it('503 unavailable when the certificate cannot be fetched', async () => {
    const { plugin, ctx } = setup();
    sns.routePath(`GET ${TEST_CERT_PATH}`, () => ({ status: 500, body: 'down' }));
    const message = signedNotification({ origin: sns.origin, timestamp: SENT });
    expect(await refusalOf(plugin.parse(snsRequest(message), ctx))).toMatchObject({ status: 503, code: 'unavailable' });

    // Nothing listens on the trusted origin at all.
    const closed = new SnsEndpointDouble();
    await closed.start();
    await closed.stop();
    const offline = setup({ trustedOrigins: [closed.origin] });
    const unreachable = signedNotification({ origin: closed.origin, timestamp: SENT });
    expect(await refusalOf(offline.plugin.parse(snsRequest(unreachable), offline.ctx))).toMatchObject({
      status: 503,
      code: 'unavailable',
    });
  });
});

describe('parse: raw message delivery', () => {
  const rawHeaders = {
    'x-amz-sns-rawdelivery': 'true',
    'x-amz-sns-message-type': 'Notification',
    'x-amz-sns-message-id': 'a1b2c3d4-0000-4000-8000-000000000001',
    'x-amz-sns-topic-arn': TEST_TOPIC_ARN,
  };

  it('400 raw_delivery_not_allowed by default', async () => {
    const { plugin, ctx } = setup();
    expect(await refusalOf(plugin.parse(snsRequest('{"orderId":"o-9"}', rawHeaders), ctx))).toMatchObject({
      status: 400,
      code: 'raw_delivery_not_allowed',
    });
  });

  it('with allowRawDelivery, the raw body is the event message', async () => {
    const { plugin, ctx } = setup({ config: { allowRawDelivery: true } });
    await expect(plugin.parse(snsRequest('{"orderId":"o-9"}', rawHeaders), ctx)).resolves.toEqual({
      kind: 'event',
      deliveryKey: rawHeaders['x-amz-sns-message-id'],
      payload: {
        message: { orderId: 'o-9' },
        subject: null,
        topicArn: TEST_TOPIC_ARN,
        messageId: rawHeaders['x-amz-sns-message-id'],
        timestamp: null,
        messageAttributes: {},
        rawDelivery: true,
      },
    });
    await expect(plugin.parse(snsRequest('plain text', rawHeaders), ctx)).resolves.toMatchObject({
      payload: { message: 'plain text' },
    });
  });

  it.each([
    ['without', undefined],
    ['with an invalid', 'not a message id!'],
  ])('400 invalid_message_id %s x-amz-sns-message-id (no random key: retries would each run)', async (_case, id) => {
    const { plugin, ctx } = setup({ config: { allowRawDelivery: true } });
    const { 'x-amz-sns-message-id': _id, ...headers } = rawHeaders;
    const request = snsRequest('{}', id === undefined ? headers : { ...headers, 'x-amz-sns-message-id': id });
    expect(await refusalOf(plugin.parse(request, ctx))).toMatchObject({ status: 400, code: 'invalid_message_id' });
  });

  it('refuses raw deliveries of a topic never confirmed when no allow-list is set', async () => {
    const plugin = createAmazonSnsTrigger();
    const { ctx } = createTestContext({ now: NOW, http: new TestHttpClient(), config: { allowRawDelivery: true } });
    expect(await refusalOf(plugin.parse(snsRequest('{}', rawHeaders), ctx))).toMatchObject({
      status: 403,
      code: 'topic_not_allowed',
    });
  });

  it('still applies the topic allow-list to raw deliveries', async () => {
    const { plugin, ctx } = setup({
      config: { allowRawDelivery: true, topicArns: ['arn:aws:sns:us-east-1:123456789012:other'] },
    });
    expect(await refusalOf(plugin.parse(snsRequest('{}', rawHeaders), ctx))).toMatchObject({
      status: 403,
      code: 'topic_not_allowed',
    });
  });
});

describe('parse: confirmations', () => {
  it('turns a verified SubscriptionConfirmation into a handshake', async () => {
    const { plugin, ctx } = setup();
    const message = signedConfirmation('SubscriptionConfirmation', { origin: sns.origin, timestamp: SENT });
    await expect(plugin.parse(snsRequest(message), ctx)).resolves.toEqual({
      kind: 'handshake',
      handshake: {
        type: 'SubscriptionConfirmation',
        topicArn: TEST_TOPIC_ARN,
        messageId: message.MessageId,
        timestamp: message.Timestamp,
        subscribeUrl: message.SubscribeURL,
      },
    });
    expect(sns.confirmations()).toEqual([]); // parse never confirms
  });

  it.each([
    ['instance metadata', () => 'http://169.254.169.254/latest/meta-data/'],
    ['another topic', () => subscribeUrlFor(sns.origin, 'arn:aws:sns:us-east-1:123456789012:other', 'abc')],
    ['another action', () => `${sns.origin}/?Action=Subscribe&TopicArn=${TEST_TOPIC_ARN}&Token=abc`],
    ['an untrusted local port', () => subscribeUrlFor('http://127.0.0.1:9', TEST_TOPIC_ARN, 'abc')],
  ])('403 invalid_subscribe_url for a signed SubscribeURL pointing to %s, never fetched', async (_case, url) => {
    const { plugin, ctx, http } = setup();
    const message = signedConfirmation(
      'SubscriptionConfirmation',
      { origin: sns.origin, timestamp: SENT },
      { SubscribeURL: url() },
    );
    expect(await refusalOf(plugin.parse(snsRequest(message), ctx))).toMatchObject({
      status: 403,
      code: 'invalid_subscribe_url',
    });
    expect(http.requested).toEqual([`${sns.origin}${TEST_CERT_PATH}`]);
  });

  it('403 signature_invalid for a SubscribeURL swapped after signing', async () => {
    const { plugin, ctx, http } = setup();
    const message = signedConfirmation('SubscriptionConfirmation', { origin: sns.origin, timestamp: SENT });
    const swapped = { ...message, SubscribeURL: subscribeUrlFor(sns.origin, TEST_TOPIC_ARN, 'attacker') };
    expect(await refusalOf(plugin.parse(snsRequest(swapped), ctx))).toMatchObject({
      status: 403,
      code: 'signature_invalid',
    });
    expect(http.requested).toEqual([`${sns.origin}${TEST_CERT_PATH}`]);
  });

  it('turns a verified UnsubscribeConfirmation into a handshake naming the subscription', async () => {
    const { plugin, ctx } = setup();
    const message = signedConfirmation('UnsubscribeConfirmation', { origin: sns.origin, timestamp: SENT });
    await expect(plugin.parse(snsRequest(message), ctx)).resolves.toEqual({
      kind: 'handshake',
      handshake: {
        type: 'UnsubscribeConfirmation',
        topicArn: TEST_TOPIC_ARN,
        messageId: message.MessageId,
        subscriptionArn: `${TEST_TOPIC_ARN}:2bcfbf39-05c3-41de-beaa-fcfcc21c8f55`,
      },
    });
  });
});
