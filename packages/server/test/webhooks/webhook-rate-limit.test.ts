import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestServer } from '../support/test-server';
import {
  createKey,
  createWorkflow,
  deliveriesOf,
  orderAlert,
  postWebhook,
  type TestKey,
} from './support/webhook-fixtures';
import { startWebhookTestServer } from './support/webhook-test-server';

describe('per-key rate limit (HOOKFLOW_WEBHOOK_RATE_LIMIT / HOOKFLOW_WEBHOOK_RATE_BURST)', () => {
  let server: TestServer;
  let key: TestKey;
  let otherKey: TestKey;
  let workflowId: string;
  let otherWorkflowId: string;

  beforeAll(async () => {
    server = await startWebhookTestServer({
      env: { HOOKFLOW_WEBHOOK_RATE_LIMIT: '2', HOOKFLOW_WEBHOOK_RATE_BURST: '3' },
    });
    key = await createKey(server);
    otherKey = await createKey(server);
    workflowId = await createWorkflow(server, orderAlert(key.name));
    otherWorkflowId = await createWorkflow(server, orderAlert(otherKey.name));
  });
  afterAll(() => server?.close());

  it('allows a burst, then answers 429 rate_limited with Retry-After, and recovers at the configured rate', async () => {
    expect(server.config).toMatchObject({ webhookRateLimitPerSecond: 2, webhookRateLimitBurst: 3 });
    // Only verified requests spend tokens (auth and parse passed): the limit counts what a key holder sends.
    const burst = await Promise.all([1, 2, 3].map(() => postWebhook(server, workflowId, { key: key.key })));
    expect(burst.map((r) => r.status)).toEqual([202, 202, 202]);

    const limited = await postWebhook(server, workflowId, { key: key.key });
    expect(limited.status).toBe(429);
    expect(limited.body.error.code).toBe('rate_limited');
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);

    // Another key is not affected.
    expect((await postWebhook(server, otherWorkflowId, { key: otherKey.key })).status).toBe(202);

    await new Promise((resolve) => setTimeout(resolve, Number(limited.headers.get('retry-after')) * 1000));
    expect((await postWebhook(server, workflowId, { key: key.key })).status).toBe(202);

    const deliveries = await deliveriesOf(server, workflowId);
    expect(deliveries.find((d) => d.status === 429)).toMatchObject({
      outcome: 'rejected',
      errorCode: 'rate_limited',
      reason: 'API key over its rate limit',
    });
  });

  it('does not let requests without a valid key drain the bucket of the real key', async () => {
    await new Promise((resolve) => setTimeout(resolve, 1500));
    for (let i = 0; i < 10; i++) {
      expect((await postWebhook(server, otherWorkflowId, { key: 'hf_guess' })).status).toBe(401);
    }
    expect((await postWebhook(server, otherWorkflowId, { key: otherKey.key })).status).toBe(202);
  });
});
