import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestServer } from '../support/test-server';
import { stalledUpload, type StalledUpload } from './support/raw-http';
import {
  createKey,
  createWorkflow,
  deliveriesOf,
  orderAlert,
  postWebhook,
  type TestKey,
} from './support/webhook-fixtures';
import { PLUGINS_WITH_HMAC_ECHO, startWebhookTestServer } from './support/webhook-test-server';

const NO_ANSWER = { status: 0, text: '', afterMs: Infinity, closed: false };

/** The first answer to a stalled upload, or status 0 if none came within `ms`. */
async function answerWithin(upload: StalledUpload, ms: number) {
  const timer = new Promise<typeof NO_ANSWER>((resolve) => setTimeout(() => resolve(NO_ANSWER), ms));
  try {
    return await Promise.race([upload.response, timer]);
  } finally {
    upload.abort();
  }
}

/**
 * What one who knows a webhook URL, but holds no key, can make a server do: every bound here holds on one
 * instance. Source addresses are set with X-Forwarded-For (the test client is a trusted loopback proxy).
 */
describe('webhook bounds against unauthenticated and slow senders', () => {
  let server: TestServer;
  let key: TestKey;
  let workflowId: string;
  let port: number;
  const path = () => `/webhooks/${workflowId}`;

  beforeAll(async () => {
    server = await startWebhookTestServer({
      plugins: PLUGINS_WITH_HMAC_ECHO,
      env: {
        HOOKFLOW_WEBHOOK_AUTH_FAILURES: '3',
        HOOKFLOW_WEBHOOK_MAX_CONCURRENT_BODIES: '1',
        HOOKFLOW_WEBHOOK_REQUEST_TIMEOUT_SECONDS: '2',
      },
    });
    key = await createKey(server);
    workflowId = await createWorkflow(server, orderAlert(key.name));
    port = Number(new URL(server.baseUrl).port);
  });
  afterAll(() => server?.close());

  it('refuses a wrong key before reading the body, and closes the connection instead of draining it', async () => {
    const upload = stalledUpload(
      port,
      path(),
      { 'content-type': 'application/json', 'x-api-key': 'hf_wrong', 'x-forwarded-for': '10.1.0.1' },
      1_000_000,
      10,
    );
    const answer = await answerWithin(upload, 3_000);
    expect(answer.status, 'answered while the body is still on its way').toBe(401);
    expect(answer.text).toContain('"code":"unauthorized"');
    expect(answer.closed).toBe(true);
    const [entry] = await deliveriesOf(server, workflowId);
    expect(entry).toMatchObject({ status: 401, sourceIp: '10.1.0.1', bytes: 1_000_000 });
  });

  it('refuses a wrong key unread on a trigger that also checks an HMAC of the body (allOf: key part first)', async () => {
    const signedWorkflowId = await createWorkflow(
      server,
      orderAlert(key.name, {
        trigger: { type: 'hmac-echo', apiKeyName: key.name, config: { secret: 'abuse-bounds-shared-secret' } },
        inputSchema: { type: 'object' },
      }),
    );
    const upload = stalledUpload(
      port,
      `/webhooks/${signedWorkflowId}`,
      {
        'content-type': 'application/json',
        'x-api-key': 'hf_wrong',
        'x-signature': 'sha256=00',
        'x-forwarded-for': '10.1.0.2',
      },
      1_000_000,
      10,
    );
    const answer = await answerWithin(upload, 3_000);
    expect(answer.status, 'answered while the body is still on its way').toBe(401);
    expect(answer.closed).toBe(true);
  });

  it('limits failed auth per source address (429 with Retry-After), without touching other addresses', async () => {
    const from = (ip: string, presented: string) =>
      postWebhook(server, workflowId, { key: presented, headers: { 'x-forwarded-for': ip } });
    for (let i = 0; i < 3; i++) expect((await from('10.2.0.1', `hf_guess_${i}`)).status).toBe(401);
    const limited = await from('10.2.0.1', 'hf_guess_3');
    expect(limited.status).toBe(429);
    expect(limited.body.error.code).toBe('rate_limited');
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    // The address is held off whatever it presents, until its failures age out (3 per minute here).
    expect((await from('10.2.0.1', key.key)).status).toBe(429);
    expect((await from('10.2.0.2', key.key)).status).toBe(202);
    const deliveries = await deliveriesOf(server, workflowId);
    expect(deliveries.find((d) => d.status === 429)).toMatchObject({
      sourceIp: '10.2.0.1',
      errorCode: 'rate_limited',
      reason: 'too many failed auth attempts from this address',
    });
  });

  it('counts the failed-auth limit of IPv6 senders per /64, so new addresses of one network do not reset it', async () => {
    const from = (ip: string) =>
      postWebhook(server, workflowId, { key: 'hf_guess', headers: { 'x-forwarded-for': ip } });
    for (const host of ['1', '2', 'abcd:1']) expect((await from(`2001:db8:9:9::${host}`)).status).toBe(401);
    expect((await from('2001:db8:9:9:ffff::7')).status).toBe(429);
    expect((await from('2001:db8:9:a::1')).status).toBe(401);
  });

  it('answers 408 request_timeout to a body that does not arrive in time, and closes the connection', async () => {
    const upload = stalledUpload(
      port,
      path(),
      { 'content-type': 'application/json', 'x-api-key': key.key, 'x-forwarded-for': '10.3.0.1' },
      1000,
      10,
    );
    const answer = await answerWithin(upload, 6_000);
    expect(answer.status).toBe(408);
    expect(answer.text).toContain('"code":"request_timeout"');
    expect(answer.afterMs).toBeGreaterThanOrEqual(1_900);
    expect(answer.closed).toBe(true);
  });

  it('caps the bodies read at once: over the cap, 503 unavailable with Retry-After, before reading the body', async () => {
    const upload = stalledUpload(
      port,
      path(),
      { 'content-type': 'application/json', 'x-api-key': key.key, 'x-forwarded-for': '10.4.0.1' },
      1000,
      10,
    );
    try {
      // The stalled upload holds the one slot while its body is awaited (up to the 2 s request timeout).
      await new Promise((resolve) => setTimeout(resolve, 300));
      const refused = await postWebhook(server, workflowId, {
        key: key.key,
        headers: { 'x-forwarded-for': '10.4.0.2' },
      });
      expect(refused.status, refused.text).toBe(503);
      expect(refused.body.error.code).toBe('unavailable');
      expect(Number(refused.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    } finally {
      upload.abort();
    }
    // The slot is free again once the stalled request is gone.
    await expect
      .poll(async () => (await postWebhook(server, workflowId, { key: key.key })).status, { timeout: 5_000 })
      .toBe(202);
  });
});
