import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestServer } from '../support/test-server';
import {
  createKey,
  createWorkflow,
  deliveriesOf,
  expectNoSecretIn,
  orderAlert,
  postWebhook,
  signBody,
  waitForRun,
  type TestKey,
} from './support/webhook-fixtures';
import { PLUGINS_WITH_HMAC_ECHO, startWebhookTestServer } from './support/webhook-test-server';

const SECRET = 'hmac-echo-shared-secret-0123';

/** A third-party trigger from outside `packages/`, loaded through HOOKFLOW_PLUGINS with no build step. */
describe('third-party trigger plugin: examples/hmac-echo-trigger', () => {
  let server: TestServer;
  let key: TestKey;
  let workflowId: string;

  beforeAll(async () => {
    server = await startWebhookTestServer({ plugins: PLUGINS_WITH_HMAC_ECHO });
    key = await createKey(server);
    workflowId = await createWorkflow(
      server,
      orderAlert(key.name, {
        trigger: { type: 'hmac-echo', apiKeyName: key.name, config: { secret: SECRET } },
        inputSchema: { type: 'object', required: ['orderId'] },
        nodes: [{ id: 'echo', type: 'transform', params: { value: '{{ $trigger.orderId }}' } }],
        edges: [],
      }),
    );
  });
  afterAll(() => server?.close());

  function send(body: object, options: { signature?: string; key?: string } = {}) {
    const text = JSON.stringify(body);
    return postWebhook(server, workflowId, {
      key: options.key ?? key.key,
      body: text,
      headers: { 'x-signature': options.signature ?? signBody(SECRET, text) },
    });
  }

  it('is loaded from its path and listed with its config schema', () => {
    const listed = server.ctx.registry.listTriggerTypes().find((t) => t.type === 'hmac-echo');
    expect(listed).toMatchObject({ source: './examples/hmac-echo-trigger', schema: { required: ['secret'] } });
  });

  it('answers a signed challenge by echoing it, without starting a run', async () => {
    const response = await send({ type: 'challenge', challenge: 'c-8f1e2d' });
    expect(response.status).toBe(200);
    expect(response.body).toEqual({ challenge: 'c-8f1e2d' });
    const [delivery] = await deliveriesOf(server, workflowId);
    expect(delivery).toMatchObject({ outcome: 'handshake', status: 200, triggerType: 'hmac-echo' });
    expect(delivery!.executionId).toBeUndefined();
  });

  it('accepts a signed event with 202 and runs it with the delivery key the plugin chose', async () => {
    const response = await send({ type: 'event', id: 'evt-1', data: { orderId: 'H-1' } });
    expect(response.status).toBe(202);
    expect(response.body).toEqual({ executionId: `${workflowId}:evt-1`, status: 'accepted' });
    const run = await waitForRun(server, response.body.executionId);
    expect(run).toMatchObject({
      status: 'completed',
      trigger: { type: 'hmac-echo', deliveryKey: 'evt-1', payload: { orderId: 'H-1' } },
      nodes: { echo: { status: 'succeeded', output: 'H-1' } },
    });
    expect((await send({ type: 'event', id: 'evt-1', data: { orderId: 'H-1' } })).body.status).toBe('duplicate');
  });

  it('refuses a bad signature with 403 and a wrong key with 401', async () => {
    const body = { type: 'event', id: 'evt-2', data: { orderId: 'H-2' } };
    const forged = await send(body, { signature: signBody('not-the-secret-at-all', JSON.stringify(body)) });
    expect(forged.status).toBe(403);
    expect(forged.body.error.code).toBe('signature_invalid');
    const tampered = await send(body, { signature: signBody(SECRET, JSON.stringify({ ...body, id: 'evt-3' })) });
    expect(tampered.status).toBe(403);
    expect((await send(body, { key: 'hf_wrong' })).status).toBe(401);
  });

  it('checks the inputSchema against what the plugin produced (422), and ignores unknown event types (200)', async () => {
    const invalid = await send({ type: 'event', id: 'evt-4', data: { amount: 1 } });
    expect(invalid.status).toBe(422);
    const ignored = await send({ type: 'ping' });
    expect(ignored.status).toBe(200);
    expect(ignored.body).toEqual({ status: 'ignored' });
  });

  it('keeps the secret, the key and the signatures out of the delivery log and the server log', async () => {
    const deliveries = await deliveriesOf(server, workflowId);
    expect(deliveries.map((d) => d.outcome)).toEqual(
      expect.arrayContaining(['handshake', 'accepted', 'duplicate', 'rejected', 'ignored']),
    );
    const body = JSON.stringify({ type: 'event', id: 'evt-1', data: { orderId: 'H-1' } });
    expectNoSecretIn([JSON.stringify(deliveries), ...server.logLines], [SECRET, key.key, signBody(SECRET, body)]);
  });
});
