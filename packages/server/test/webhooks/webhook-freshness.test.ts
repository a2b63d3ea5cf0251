import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestServer } from '../support/test-server';
import {
  createKey,
  createWorkflow,
  deleteWorkflow,
  orderAlert,
  postWebhook,
  revokeKey,
  setEnabled,
  updateWorkflow,
  type TestKey,
} from './support/webhook-fixtures';
import { startWebhookTestServer } from './support/webhook-test-server';

/**
 * Changes made through the admin API (on this or any other instance) reach the webhook path within seconds,
 * although it caches keys and workflows.
 */
describe('webhook caches follow changes', () => {
  let server: TestServer;
  let key: TestKey;

  beforeAll(async () => {
    server = await startWebhookTestServer({ worker: false });
    key = await createKey(server);
  });
  afterAll(() => server?.close());

  async function statusWithin(workflowId: string, presented: string, expected: number, ms: number): Promise<number> {
    const started = performance.now();
    let status = 0;
    while (performance.now() - started < ms) {
      status = (await postWebhook(server, workflowId, { key: presented, body: '{' })).status;
      if (status === expected) return performance.now() - started;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    throw new Error(`still ${status} after ${ms} ms, expected ${expected}`);
  }

  it('refuses a revoked key within 5 s, although it was just used (and cached)', async () => {
    const revoked = await createKey(server);
    const workflowId = await createWorkflow(server, orderAlert(revoked.name));
    // Warm the cache: the key works ('{' is refused after auth, with 400, so no run is started).
    expect((await postWebhook(server, workflowId, { key: revoked.key, body: '{' })).status).toBe(400);

    await revokeKey(server, revoked.id);
    const tookMs = await statusWithin(workflowId, revoked.key, 401, 6_000);
    expect(tookMs).toBeLessThan(5_000);
  });

  it('takes a replacement key with the same name (rotation) at once', async () => {
    const old = await createKey(server);
    const workflowId = await createWorkflow(server, orderAlert(old.name));
    await revokeKey(server, old.id);
    const rotated = await createKey(server, old.name);
    expect((await postWebhook(server, workflowId, { key: rotated.key, body: '{' })).status).toBe(400);
  });

  it('answers 409 within seconds of a disable, and accepts again after re-enabling', async () => {
    const workflowId = await createWorkflow(server, orderAlert(key.name));
    expect((await postWebhook(server, workflowId, { key: key.key, body: '{' })).status).toBe(400);
    await setEnabled(server, workflowId, false);
    expect(await statusWithin(workflowId, key.key, 409, 4_000)).toBeLessThan(3_000);
    await setEnabled(server, workflowId, true);
    expect(await statusWithin(workflowId, key.key, 400, 4_000)).toBeLessThan(3_000);
  });

  it('answers 404 within seconds of a delete', async () => {
    const workflowId = await createWorkflow(server, orderAlert(key.name));
    expect((await postWebhook(server, workflowId, { key: key.key, body: '{' })).status).toBe(400);
    await deleteWorkflow(server, workflowId);
    expect(await statusWithin(workflowId, key.key, 404, 4_000)).toBeLessThan(3_000);
  });

  it('runs a new version within seconds of an update', async () => {
    const definition = orderAlert(key.name);
    const workflowId = await createWorkflow(server, definition);
    expect((await postWebhook(server, workflowId, { key: key.key, body: { amount: 1 } })).status).toBe(422);
    expect(await updateWorkflow(server, workflowId, { ...definition, inputSchema: { type: 'object' } })).toBe(2);
    expect(await statusWithin(workflowId, key.key, 400, 4_000)).toBeLessThan(3_000);
    const started = performance.now();
    let status = 0;
    while (performance.now() - started < 4_000 && status !== 202) {
      status = (await postWebhook(server, workflowId, { key: key.key, body: { amount: 1 } })).status;
      if (status !== 202) await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(status).toBe(202);
  });

  describe('on the instance that made the change: at once', () => {
    it('refuses the next webhook after a disable (409), a delete (404) and a revocation (401)', async () => {
      const own = await createKey(server);
      const disabled = await createWorkflow(server, orderAlert(own.name));
      const deleted = await createWorkflow(server, orderAlert(own.name));
      // Warm both caches: the workflow and the key are now held for seconds.
      for (const workflowId of [disabled, deleted]) {
        expect((await postWebhook(server, workflowId, { key: own.key, body: '{' })).status).toBe(400);
      }

      await setEnabled(server, disabled, false);
      expect((await postWebhook(server, disabled, { key: own.key, body: '{' })).status).toBe(409);
      await deleteWorkflow(server, deleted);
      expect((await postWebhook(server, deleted, { key: own.key, body: '{' })).status).toBe(404);

      await setEnabled(server, disabled, true);
      expect((await postWebhook(server, disabled, { key: own.key, body: '{' })).status).toBe(400);
      await revokeKey(server, own.id);
      expect((await postWebhook(server, disabled, { key: own.key, body: '{' })).status).toBe(401);
    });

    it('validates the next webhook against the version just saved', async () => {
      const definition = orderAlert(key.name);
      const workflowId = await createWorkflow(server, definition);
      expect((await postWebhook(server, workflowId, { key: key.key, body: { amount: 1 } })).status).toBe(422);
      await updateWorkflow(server, workflowId, { ...definition, inputSchema: { type: 'object' } });
      expect((await postWebhook(server, workflowId, { key: key.key, body: { amount: 1 } })).status).toBe(202);
    });
  });
});
