import { randomBytes, randomUUID } from 'node:crypto';
import { defineTrigger, TriggerError } from '@hookflow/sdk';
import {
  LocalOrigin,
  SnsEndpointDouble,
  sign,
  signedConfirmation,
  signedNotification,
  TEST_SIGNING_CERT_PEM,
  TEST_TOPIC_ARN,
  type SignedMessage,
} from '@hookflow/triggers-sns/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../support/test-server';
import {
  createKey,
  createWorkflow,
  deliveriesOf,
  expectNoSecretIn,
  postWebhook,
  waitForRun,
  type TestKey,
  type WebhookResponse,
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

const OTHER_TOPIC_ARN = 'arn:aws:sns:us-east-1:123456789012:not-allowed';
const AWS_CERT = 'SimpleNotificationService-0123456789abcdef0123456789abcdef.pem';

/**
 * Hostile and broken SNS requests through the real server: each gets its status and code, lands in the
 * delivery log as rejected without the key or the signature, and nothing is fetched that should not be.
 * `sns` is the trusted stand-in for Amazon; `elsewhere` is an untrusted local server that would serve the
 * same certificate and confirmations, to prove Hookflow never asks it anything.
 */
describe('amazon-sns through the server: hostile requests', () => {
  let sns: SnsEndpointDouble;
  let elsewhere: LocalOrigin;
  let server: TestServer;
  let key: TestKey;
  let otherKey: TestKey;
  let workflow: CreatedSnsWorkflow;
  let url: string;
  /** Every request sent, with what it must be answered, for the delivery log and secret checks. */
  const sent: { expected: [string, number, string | undefined]; signature?: string; key?: string }[] = [];

  beforeAll(async () => {
    sns = await new SnsEndpointDouble().start();
    elsewhere = await new LocalOrigin().start();
    elsewhere.routePath('GET /', () => ({ status: 200, body: '<ConfirmSubscriptionResponse/>' }));
    server = await startTestServer({ plugins: SNS_PLUGINS, env: { HOOKFLOW_SNS_TRUSTED_ORIGINS: sns.origin } });
    key = await createKey(server);
    otherKey = await createKey(server);
    workflow = await createSnsWorkflow(server, snsWorkflow(key.name, { topicArns: [TEST_TOPIC_ARN] }));
    url = endpointUrl(workflow, key.key);
  });
  afterAll(async () => {
    await server?.close();
    await sns?.stop();
    await elsewhere?.stop();
  });

  /** A certificate URL on the trusted double that nothing has fetched yet, so a fetch of it is visible. */
  function freshCertUrl(): string {
    const path = `/SimpleNotificationService-${randomBytes(16).toString('hex')}.pem`;
    sns.routePath(`GET ${path}`, () => ({ status: 200, body: TEST_SIGNING_CERT_PEM }));
    return sns.origin + path;
  }

  function notification(fields: Partial<SignedMessage> = {}, options: { timestamp?: Date } = {}): SignedMessage {
    const base = signedNotification({ origin: sns.origin, timestamp: options.timestamp ?? new Date() });
    return sign({ ...base, SigningCertURL: freshCertUrl(), ...fields });
  }

  /**
   * Sends, checks the answer, checks the newest delivery-log entry is this request, refused with its code,
   * and (unless `fetches`) that neither the SNS double nor `elsewhere` saw any request meanwhile.
   */
  async function expectRefused(
    send: () => Promise<WebhookResponse>,
    status: number,
    code: string,
    options: { fetches?: string[]; signature?: string; key?: string } = {},
  ): Promise<WebhookResponse> {
    const before = { sns: sns.received.length, elsewhere: elsewhere.received.length };
    const response = await send();
    sent.push({
      expected: ['rejected', status, code],
      ...(options.signature !== undefined ? { signature: options.signature } : {}),
      ...(options.key !== undefined ? { key: options.key } : {}),
    });
    expect({ status: response.status, code: response.body.error?.code }, response.text).toEqual({ status, code });
    expect(typeof response.body.error.message).toBe('string');
    expect(sns.received.slice(before.sns)).toEqual(options.fetches ?? []);
    expect(elsewhere.received.slice(before.elsewhere)).toEqual([]);
    const [newest] = await deliveriesOf(server, workflow.id);
    expect(newest).toMatchObject({ outcome: 'rejected', status, errorCode: code, triggerType: 'amazon-sns' });
    expect(newest).not.toHaveProperty('executionId');
    return response;
  }

  describe('the key', () => {
    it('401 without a key', async () => {
      const message = notification();
      await expectRefused(() => postSns(endpointUrl(workflow, undefined), message), 401, 'unauthorized', {
        signature: message.Signature,
      });
    });

    it('401 with a wrong key, and with a real key bound to no workflow', async () => {
      const message = notification();
      for (const wrong of [`${key.key}x`, 'hf_not-a-real-key', otherKey.key]) {
        await expectRefused(() => postSns(endpointUrl(workflow, wrong), message), 401, 'unauthorized', {
          signature: message.Signature,
          key: wrong,
        });
      }
    });
  });

  describe('the document', () => {
    it('400 invalid_payload when the body is not JSON', async () => {
      await expectRefused(
        () => postSns(url, '{"Type":"Notification",', { 'x-amz-sns-message-type': 'Notification' }),
        400,
        'invalid_payload',
      );
    });

    it('400 message_type_mismatch when the header type is not the body Type, or missing', async () => {
      const message = notification();
      await expectRefused(
        () => postSns(url, message, { 'x-amz-sns-message-type': 'SubscriptionConfirmation' }),
        400,
        'message_type_mismatch',
        { signature: message.Signature },
      );
      await expectRefused(
        () => postSns(url, message, { 'x-amz-sns-message-type': undefined }),
        400,
        'message_type_mismatch',
        { signature: message.Signature },
      );
    });

    it('400 unsupported_message_type for a Type SNS does not send', async () => {
      const message = notification({ Type: 'Subscribe' });
      await expectRefused(() => postSns(url, message), 400, 'unsupported_message_type', {
        signature: message.Signature,
      });
    });

    it('403 topic_not_allowed for a topic outside the workflow allow-list, even correctly signed', async () => {
      const message = notification({ TopicArn: OTHER_TOPIC_ARN });
      await expectRefused(() => postSns(url, message), 403, 'topic_not_allowed', { signature: message.Signature });
    });

    it('400 unsupported_signature_version for a SignatureVersion other than 1 and 2', async () => {
      const message = { ...notification(), SignatureVersion: '3' };
      await expectRefused(() => postSns(url, message), 400, 'unsupported_signature_version', {
        signature: message.Signature,
      });
    });

    it('400 message_too_old for a Timestamp older than HOOKFLOW_SNS_MAX_AGE_SECONDS (default 1 h)', async () => {
      const message = notification({}, { timestamp: new Date(Date.now() - 2 * 3600_000) });
      await expectRefused(() => postSns(url, message), 400, 'message_too_old', { signature: message.Signature });
    });

    it('400 raw_delivery_not_allowed for raw message delivery, which SNS does not sign', async () => {
      await expectRefused(
        () =>
          postSns(url, '{"orderId":"o-raw"}', {
            'x-amz-sns-rawdelivery': 'true',
            'x-amz-sns-message-type': 'Notification',
            'x-amz-sns-message-id': randomUUID(),
            'x-amz-sns-topic-arn': TEST_TOPIC_ARN,
          }),
        400,
        'raw_delivery_not_allowed',
      );
    });
  });

  describe('the signing certificate URL: refused before anything is fetched', () => {
    const cases: [string, () => string][] = [
      ['http instead of https', () => `http://sns.us-east-1.amazonaws.com/${AWS_CERT}`],
      ['another host', () => `https://sns.us-east-1.example.com/${AWS_CERT}`],
      ['an untrusted local server', () => `${elsewhere.origin}/${AWS_CERT}`],
      ['a look-alike host (suffix)', () => `https://sns.us-east-1.amazonaws.com.evil.example/${AWS_CERT}`],
      ['a look-alike host (prefix)', () => `https://evilsns.us-east-1.amazonaws.com/${AWS_CERT}`],
      ['an explicit port', () => `https://sns.us-east-1.amazonaws.com:8443/${AWS_CERT}`],
      ['the trusted server under another host name', () => freshCertUrl().replace('127.0.0.1', 'localhost')],
      ['the trusted host on another port', () => `http://127.0.0.1:${new URL(elsewhere.origin).port}/${AWS_CERT}`],
      ['userinfo', () => `https://user@sns.us-east-1.amazonaws.com/${AWS_CERT}`],
      ['userinfo on the trusted origin', () => freshCertUrl().replace('http://', 'http://user:pw@')],
      ['a query', () => `https://sns.us-east-1.amazonaws.com/${AWS_CERT}?x=1`],
      ['a query on the trusted origin', () => `${freshCertUrl()}?x=1`],
      ['a fragment', () => `https://sns.us-east-1.amazonaws.com/${AWS_CERT}#x`],
      ['a path that is not a SimpleNotificationService certificate', () => 'https://sns.us-east-1.amazonaws.com/a.pem'],
      ['another region than the topic', () => `https://sns.eu-west-1.amazonaws.com/${AWS_CERT}`],
      ['a China endpoint for a topic of the aws partition', () => `https://sns.us-east-1.amazonaws.com.cn/${AWS_CERT}`],
    ];
    it.each(cases)('403 invalid_certificate_url: %s', async (_name, certUrl) => {
      const message = notification({ SigningCertURL: certUrl() });
      await expectRefused(() => postSns(url, message), 403, 'invalid_certificate_url', {
        signature: message.Signature,
      });
    });
  });

  describe('the certificate and the signature', () => {
    it('503 unavailable with Retry-After when the certificate cannot be fetched; the retry then succeeds', async () => {
      const path = `/SimpleNotificationService-${randomBytes(16).toString('hex')}.pem`;
      const message = notification({ SigningCertURL: sns.origin + path });
      const refused = await expectRefused(() => postSns(url, message), 503, 'unavailable', {
        fetches: [`GET ${path}`],
        signature: message.Signature,
      });
      expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
      // The delivery log says why, in the plugin's words, not just "unavailable".
      const [logged] = await deliveriesOf(server, workflow.id);
      expect(logged!.reason).toContain(path);

      // SNS retries after a 5xx; once the certificate can be fetched the same message runs.
      sns.routePath(`GET ${path}`, () => ({ status: 200, body: TEST_SIGNING_CERT_PEM }));
      const retried = await postSns(url, message);
      expect(retried.status, retried.text).toBe(202);
      sent.push({ expected: ['accepted', 202, undefined], signature: message.Signature });
      expect((await waitForRun(server, retried.body.executionId)).status).toBe('completed');
    });

    it('403 signature_invalid when the message was changed after signing (certificate fetched once)', async () => {
      const signed = notification();
      const forged = { ...signed, Message: '{"orderId":"o-forged","amount":1000000}' };
      await expectRefused(() => postSns(url, forged), 403, 'signature_invalid', {
        fetches: [`GET ${new URL(signed.SigningCertURL).pathname}`],
        signature: signed.Signature,
      });
    });

    it('403 signature_invalid for a forged SubscriptionConfirmation: its SubscribeURL is never visited', async () => {
      const base = signedConfirmation('SubscriptionConfirmation', { origin: sns.origin, timestamp: new Date() });
      const signed = sign({ ...base, SigningCertURL: freshCertUrl() });
      const forged = { ...signed, Signature: notification().Signature };
      await expectRefused(() => postSns(url, forged), 403, 'signature_invalid', {
        fetches: [`GET ${new URL(signed.SigningCertURL).pathname}`],
        signature: forged.Signature,
      });
      expect(sns.confirmations()).toEqual([]);
    });
  });

  describe('the SubscribeURL: only the topic’s own ConfirmSubscription is ever fetched', () => {
    const token = () => randomBytes(32).toString('hex');
    const cases: [string, () => string][] = [
      ['the cloud metadata address', () => 'http://169.254.169.254/latest/meta-data/iam/security-credentials/'],
      [
        'the metadata address with a ConfirmSubscription query',
        () => `http://169.254.169.254/?Action=ConfirmSubscription&TopicArn=${TEST_TOPIC_ARN}&Token=${token()}`,
      ],
      [
        'an untrusted local server',
        () => `${elsewhere.origin}/?Action=ConfirmSubscription&TopicArn=${TEST_TOPIC_ARN}&Token=${token()}`,
      ],
      [
        'another topic on the SNS endpoint',
        () => `${sns.origin}/?Action=ConfirmSubscription&TopicArn=${OTHER_TOPIC_ARN}&Token=${token()}`,
      ],
      [
        'another action on the SNS endpoint',
        () => `${sns.origin}/?Action=Unsubscribe&TopicArn=${TEST_TOPIC_ARN}&Token=${token()}`,
      ],
      [
        'an extra parameter',
        () => `${sns.origin}/?Action=ConfirmSubscription&TopicArn=${TEST_TOPIC_ARN}&Token=${token()}&x=1`,
      ],
    ];
    it.each(cases)('403 invalid_subscribe_url: %s, never fetched', async (_name, subscribeUrl) => {
      const base = signedConfirmation('SubscriptionConfirmation', { origin: sns.origin, timestamp: new Date() });
      const message = sign({ ...base, SubscribeURL: subscribeUrl(), SigningCertURL: freshCertUrl() });
      await expectRefused(() => postSns(url, message), 403, 'invalid_subscribe_url', {
        // The message is verified first (its certificate is fetched); the SubscribeURL never is.
        fetches: [`GET ${new URL(message.SigningCertURL).pathname}`],
        signature: message.Signature,
      });
      expect(sns.confirmations()).toEqual([]);
      expect(await subscriptionsOf(server, workflow.id)).toEqual([]);
    });
  });

  it('answers a replayed MessageId 200 duplicate and starts no second run', async () => {
    const message = notification();
    const first = await postSns(url, message);
    expect(first.status, first.text).toBe(202);
    sent.push({ expected: ['accepted', 202, undefined], signature: message.Signature });
    const run = await waitForRun(server, first.body.executionId);

    const replays = await Promise.all([postSns(url, message), postSns(url, message)]);
    for (const replay of replays) {
      expect(replay.status, replay.text).toBe(200);
      expect(replay.body).toEqual({ executionId: first.body.executionId, status: 'duplicate' });
      sent.push({ expected: ['duplicate', 200, undefined], signature: message.Signature });
    }
    expect((await waitForRun(server, first.body.executionId)).runId).toBe(run.runId);
    const runs = await executionsOf(server, workflow.id);
    expect(runs.filter((r) => r.executionId === first.body.executionId)).toHaveLength(1);
  });

  it('lists every request in the delivery log, without the key or any signature', async () => {
    const deliveries = await deliveriesOf(server, workflow.id);
    // Identical rejections within a minute are folded into one entry with a `count` (docs/deliveries.md).
    const listed = deliveries.flatMap((d) =>
      Array.from({ length: d.count ?? 1 }, () => JSON.stringify([d.outcome, d.status, d.errorCode])),
    );
    expect(listed.sort()).toEqual(sent.map((s) => JSON.stringify(s.expected)).sort());
    // Each refusal says why, for the operator.
    for (const delivery of deliveries.filter((d) => d.outcome === 'rejected')) {
      expect(delivery.reason, JSON.stringify(delivery)).toMatch(/\w/);
    }
    // Only the two notifications that were accepted ever ran.
    expect((await executionsOf(server, workflow.id, 2)).length).toBe(2);
    const secrets = [
      key.key,
      otherKey.key,
      ...sent.flatMap((s) => [s.signature, s.key]).filter((s): s is string => s !== undefined),
    ];
    expectNoSecretIn([JSON.stringify(deliveries)], secrets);
    expectNoSecretIn(server.logLines, secrets);
  });

  it("answers any plugin's own 503 with Retry-After, like the server's own", async () => {
    server.ctx.registry.addTrigger(
      defineTrigger({
        type: 'test-upstream-down',
        displayName: 'Upstream down',
        description: 'Refuses every request with a 503 of its own.',
        configSchema: { type: 'object' },
        accepts: 'any',
        auth: { name: 'none', authenticate: () => Promise.resolve({ ok: true }) },
        parse: () => Promise.reject(new TriggerError(503, 'upstream_unavailable', 'upstream is down')),
      }),
      'test',
    );
    const id = await createWorkflow(server, {
      ...snsWorkflow(key.name),
      trigger: { type: 'test-upstream-down', apiKeyName: key.name, config: {} },
    });
    const response = await postWebhook(server, id, { body: {} });
    expect({ status: response.status, code: response.body.error.code }).toEqual({
      status: 503,
      code: 'upstream_unavailable',
    });
    expect(Number(response.headers.get('retry-after'))).toBeGreaterThan(0);
  });
});
