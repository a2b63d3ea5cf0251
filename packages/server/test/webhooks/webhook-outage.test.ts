import { mkdtemp } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  findFreePort,
  resolveDatabaseBinary,
  resolveTemporalCli,
  startDatabase,
  startTemporalServer,
  type RunningDatabase,
  type RunningTemporal,
} from '@hookflow/dev-stack';
import { testStack, uniqueName } from '@hookflow/dev-stack/testing';
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

/**
 * docs/webhooks.md: Temporal or MongoDB unreachable → 503 `unavailable` with Retry-After, never a 2xx; and the same
 * server recovers by itself once the dependency is back. Both run privately here so the test may stop them.
 */
describe('webhooks while Temporal or MongoDB is down', () => {
  let temporal: RunningTemporal;
  let temporalOptions: Parameters<typeof startTemporalServer>[0];
  let database: RunningDatabase;
  let databaseOptions: Parameters<typeof startDatabase>[0];
  let server: TestServer;
  let key: TestKey;
  let workflowId: string;

  beforeAll(async () => {
    const dir = await mkdtemp(path.join(testStack().home, 'outage-'));
    temporalOptions = {
      binary: await resolveTemporalCli(() => undefined),
      port: await findFreePort(),
      namespace: 'default',
      logFile: path.join(dir, 'temporal.log'),
    };
    databaseOptions = {
      binary: await resolveDatabaseBinary(() => undefined),
      port: await findFreePort(),
      dataDir: path.join(dir, 'data'),
      logFile: path.join(dir, 'database.log'),
    };
    [temporal, database] = await Promise.all([startTemporalServer(temporalOptions), startDatabase(databaseOptions)]);
    server = await startWebhookTestServer({
      temporalAddress: temporal.address,
      worker: false,
      env: { MONGODB_URI: `${database.uri}/${uniqueName('outage')}` },
    });
    key = await createKey(server);
    workflowId = await createWorkflow(server, orderAlert(key.name));
  });

  afterAll(async () => {
    await database?.stop();
    await temporal?.stop();
    await server?.close();
  });

  it('answers 503 unavailable with Retry-After while Temporal is stopped, and 202 once it is back', async () => {
    expect((await postWebhook(server, workflowId, { key: key.key })).status).toBe(202);

    await temporal.stop();
    const started = performance.now();
    const down = await postWebhook(server, workflowId, {
      key: key.key,
      headers: { 'idempotency-key': 'during-outage' },
    });
    const tookMs = performance.now() - started;
    expect(down.status).toBe(503);
    // The delivery key it used, so that a retry with it cannot cause a second run.
    expect(down.body).toEqual({
      error: { code: 'unavailable', message: expect.any(String) as string, deliveryKey: 'during-outage' },
    });
    expect(down.headers.get('idempotency-key')).toBe('during-outage');
    expect(Number(down.headers.get('retry-after'))).toBeGreaterThan(0);
    // Bounded by startExecution's 4 s deadline: a sender is never left hanging.
    expect(tookMs).toBeLessThan(10_000);
    console.info(`503 while Temporal is down answered in ${Math.round(tookMs)} ms`);

    // Without a key of its own, the sender learns the one generated for it, and a retry with it runs once.
    const unkeyed = await postWebhook(server, workflowId, { key: key.key });
    expect(unkeyed.status).toBe(503);
    const generated = unkeyed.headers.get('idempotency-key');
    expect(generated).toMatch(/^[A-Za-z0-9._:-]{1,200}$/);
    expect(unkeyed.body.error.deliveryKey).toBe(generated);

    temporal = await startTemporalServer(temporalOptions);
    // The same server process, untouched: its client reconnects by itself.
    await expect
      .poll(
        async () =>
          (await postWebhook(server, workflowId, { key: key.key, headers: { 'idempotency-key': 'during-outage' } }))
            .status,
        { timeout: 30_000, interval: 500 },
      )
      .toBe(202);

    const retried = await postWebhook(server, workflowId, {
      key: key.key,
      headers: { 'idempotency-key': generated! },
    });
    expect(retried.status).toBe(202);
    expect(retried.body.executionId).toBe(`${workflowId}:${generated}`);

    const deliveries = await deliveriesOf(server, workflowId);
    expect(deliveries.find((d) => d.status === 503 && d.deliveryKey === 'during-outage')).toMatchObject({
      outcome: 'rejected',
      errorCode: 'unavailable',
      reason: 'temporal unavailable',
      deliveryKey: 'during-outage',
    });
    expect(deliveries.find((d) => d.outcome === 'accepted' && d.deliveryKey === 'during-outage')).toBeDefined();
  });

  it('keeps accepting from its caches while MongoDB is stopped, 503 once they expire, and loses no log entry', async () => {
    const fresh = await createWorkflow(server, orderAlert(key.name));
    expect((await postWebhook(server, fresh, { key: key.key })).status).toBe(202);
    const stopping = performance.now();
    // Killed rather than stopped gracefully (which takes seconds): the caches must still be warm after it.
    await database.process.stop(200);
    try {
      // Workflow and key were looked up an instant ago: Temporal alone decides, the log entry waits in memory.
      expect(performance.now() - stopping).toBeLessThan(1_000);
      const cached = await postWebhook(server, fresh, { key: key.key, headers: { 'idempotency-key': 'db-down' } });
      expect(cached.status).toBe(202);
      // Nothing cached: the lookup itself fails.
      const unknownWorkflow = await postWebhook(server, 'wf_0123456789abcdef01234567', { key: key.key });
      expect(unknownWorkflow.status).toBe(503);
      expect(unknownWorkflow.body.error.code).toBe('unavailable');
      expect(unknownWorkflow.headers.get('retry-after')).toBeTruthy();
      // Refused before any plugin ran: still a key, the generated one, in header and body alike.
      expect(unknownWorkflow.headers.get('idempotency-key')).toMatch(/^[A-Za-z0-9._:-]{1,200}$/);
      expect(unknownWorkflow.body.error.deliveryKey).toBe(unknownWorkflow.headers.get('idempotency-key'));
      const keyedUnknown = await postWebhook(server, 'wf_0123456789abcdef01234567', {
        key: key.key,
        headers: { 'idempotency-key': 'sender-chose-this' },
      });
      expect(keyedUnknown.headers.get('idempotency-key')).toBe('sender-chose-this');
      expect(keyedUnknown.body.error.deliveryKey).toBe('sender-chose-this');
      await new Promise((resolve) => setTimeout(resolve, 4_500)); // both caches expire
      const expired = await postWebhook(server, fresh, { key: key.key });
      expect(expired.status).toBe(503);
      expect(expired.body.error.code).toBe('unavailable');
    } finally {
      database = await startDatabase(databaseOptions);
    }
    await expect
      .poll(async () => (await postWebhook(server, fresh, { key: key.key })).status, { timeout: 30_000, interval: 500 })
      .toBe(202);
    // The entry buffered during the outage was retried and written.
    await expect
      .poll(async () => (await deliveriesOf(server, fresh).catch(() => [])).map((d) => d.deliveryKey), {
        timeout: 30_000,
        interval: 500,
      })
      .toContain('db-down');
    expect(server.logLines.some((line) => line.includes('could not write the delivery log; retrying'))).toBe(true);
  });
});
