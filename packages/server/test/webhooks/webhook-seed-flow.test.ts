import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestServer } from '../support/test-server';
import {
  createKey,
  createWorkflow,
  deliveriesOf,
  expectNoSecretIn,
  orderAlert,
  postWebhook,
  waitForRun,
  type TestKey,
} from './support/webhook-fixtures';
import { startWebhookTestServer } from './support/webhook-test-server';

describe('generic webhook: the seed flow', () => {
  let server: TestServer;
  let key: TestKey;
  let workflowId: string;

  beforeAll(async () => {
    server = await startWebhookTestServer();
    key = await createKey(server, 'shop');
    workflowId = await createWorkflow(server, orderAlert(key.name));
  });
  afterAll(() => server?.close());

  it('accepts a POST with the key with 202, runs the graph, and the run is readable', async () => {
    const response = await postWebhook(server, workflowId, { key: key.key, body: { orderId: 'A-1', amount: 150 } });

    expect(response.status).toBe(202);
    expect(response.body).toEqual({
      executionId: expect.stringMatching(`^${workflowId}:`) as string,
      status: 'accepted',
    });
    const run = await waitForRun(server, response.body.executionId);
    expect(run).toMatchObject({
      executionId: response.body.executionId,
      workflowId,
      version: 1,
      status: 'completed',
      trigger: { type: 'generic-webhook', payload: { body: { orderId: 'A-1', amount: 150 } } },
      nodes: {
        big: { status: 'succeeded', output: { result: true } },
        notify: { status: 'succeeded', output: { order: 'A-1' } },
        note: { status: 'skipped' },
      },
    });
    expect(run.trigger.deliveryKey).toBe(response.body.executionId.slice(workflowId.length + 1));
  });

  it('gives the run the body, the allowed headers, query and time of receipt as $trigger', async () => {
    const response = await postWebhook(server, workflowId, {
      key: key.key,
      path: `${workflowId}?page=2`,
      headers: { 'x-shop': 'north' },
      body: { orderId: 'A-2', amount: 5 },
    });
    expect(response.status).toBe(202);
    const run = await waitForRun(server, response.body.executionId);
    const payload = run.trigger.payload as {
      body: unknown;
      headers: Record<string, string>;
      query: unknown;
      receivedAt: string;
    };
    expect(payload.body).toEqual({ orderId: 'A-2', amount: 5 });
    expect(payload.headers['content-type']).toBe('application/json');
    // Not on the allow-list, and the workflow's trigger config names no extra header.
    expect(payload.headers['x-shop']).toBeUndefined();
    expect(payload.headers['x-api-key']).toBeUndefined();
    expect(payload.query).toEqual({ page: '2' });
    expect(Date.now() - Date.parse(payload.receivedAt)).toBeLessThan(60_000);
    expect(run.nodes).toMatchObject({ note: { status: 'succeeded', output: { message: 'small order A-2' } } });
  });

  it('answers the same Idempotency-Key again 200 duplicate, with the same execution and no second run', async () => {
    const send = () =>
      postWebhook(server, workflowId, {
        key: key.key,
        headers: { 'idempotency-key': 'order-A-3' },
        body: { orderId: 'A-3' },
      });
    const first = await send();
    expect(first.status).toBe(202);
    expect(first.body).toEqual({ executionId: `${workflowId}:order-A-3`, status: 'accepted' });
    const run = await waitForRun(server, first.body.executionId);

    // Also once the first run has closed, and when the retries race each other.
    const again = await Promise.all([send(), send(), send()]);
    for (const response of again) {
      expect(response.status).toBe(200);
      expect(response.body).toEqual({ executionId: `${workflowId}:order-A-3`, status: 'duplicate' });
    }
    const after = await waitForRun(server, first.body.executionId);
    expect(after.runId).toBe(run.runId);
  });

  it('starts exactly one run when deliveries with one key arrive at the same time', async () => {
    const responses = await Promise.all(
      Array.from({ length: 6 }, () =>
        postWebhook(server, workflowId, {
          key: key.key,
          headers: { 'idempotency-key': 'burst-1' },
          body: { orderId: 'B' },
        }),
      ),
    );
    expect(responses.map((r) => r.status).sort()).toEqual([200, 200, 200, 200, 200, 202]);
    expect(new Set(responses.map((r) => r.body.executionId))).toEqual(new Set([`${workflowId}:burst-1`]));
  });

  it('logs every delivery, accepted, duplicate and rejected, newest first, without secrets', async () => {
    const logged = await createWorkflow(server, orderAlert(key.name));
    const accepted = await postWebhook(server, logged, { key: key.key, headers: { 'idempotency-key': 'log-1' } });
    await postWebhook(server, logged, { key: key.key, headers: { 'idempotency-key': 'log-1' } });
    await postWebhook(server, logged, { key: 'hf_not-a-real-key' });
    await postWebhook(server, logged, { key: key.key, body: { amount: 1 } });

    const deliveries = await deliveriesOf(server, logged);
    expect(deliveries).toHaveLength(4);
    expect(deliveries.map((d) => [d.outcome, d.status, d.errorCode])).toEqual([
      ['rejected', 422, 'payload_invalid'],
      ['rejected', 401, 'unauthorized'],
      ['duplicate', 200, undefined],
      ['accepted', 202, undefined],
    ]);
    expect(deliveries[3]).toMatchObject({
      id: expect.any(String) as string,
      triggerType: 'generic-webhook',
      executionId: accepted.body.executionId,
      deliveryKey: 'log-1',
      sourceIp: expect.stringMatching(/127\.0\.0\.1/) as string,
      bytes: JSON.stringify({ orderId: 'A-1', amount: 150 }).length,
    });
    expect(deliveries[1]!.reason).toBe('unknown or revoked API key');
    expect(deliveries[0]!.reason).toContain('orderId');
    expectNoSecretIn([JSON.stringify(deliveries)], [key.key, 'hf_not-a-real-key']);
  });

  it('stores keys only as hashes', async () => {
    const documents = await server.ctx.store.connection.collection('api_keys').find({}).toArray();
    expect(documents.length).toBeGreaterThan(0);
    const stored = documents.find((d) => d.name === 'shop')!;
    expect(stored.hash).toBe(createHash('sha256').update(key.key).digest('hex'));
    expectNoSecretIn([JSON.stringify(documents)], [key.key]);
  });

  it('never writes a key, and never the query string, to the log', async () => {
    await postWebhook(server, workflowId, { key: key.key, path: `${workflowId}?x-api-key=${key.key}&token=q-secret` });
    await postWebhook(server, workflowId, { key: `${key.key}-wrong` });
    expect(server.logLines.some((line) => line.includes('webhook delivery'))).toBe(true);
    expectNoSecretIn(server.logLines, [key.key, 'q-secret', server.adminToken]);
  });
});
