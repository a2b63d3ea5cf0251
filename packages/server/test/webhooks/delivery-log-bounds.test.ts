import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { flushWebhookDeliveries } from '../../src/webhooks';
import { REBUILD_AFTER_MS } from '../../src/webhooks/delivery-rebuild';
import { startWorkflowExecution } from '../../src/executions/start-workflow-execution';
import type { TestServer } from '../support/test-server';
import {
  createKey,
  createWorkflow,
  deliveriesOf,
  orderAlert,
  postWebhook,
  type DeliveryJson,
  type TestKey,
} from './support/webhook-fixtures';
import { startWebhookTestServer } from './support/webhook-test-server';

type FoldedJson = DeliveryJson & { count?: number; lastReceivedAt?: string; recovered?: boolean };

/** Runs `task` for each item, `concurrency` at a time. */
async function inParallel<T>(items: T[], concurrency: number, task: (item: T) => Promise<void>): Promise<void> {
  const queue = [...items];
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      for (let item = queue.shift(); item !== undefined; item = queue.shift()) await task(item);
    }),
  );
}

/**
 * The delivery log against one who knows the webhook URL: rejections have their own bound and are folded,
 * accepted entries stay, and an accepted delivery whose entry was never written comes back from Temporal.
 */
describe('delivery log bounds', () => {
  let server: TestServer;
  let key: TestKey;

  beforeAll(async () => {
    server = await startWebhookTestServer();
    key = await createKey(server);
  });
  afterAll(() => server?.close());

  it('keeps every accepted entry when 1 000 bad requests follow; rejections stay within their own 200', async () => {
    const workflowId = await createWorkflow(server, orderAlert(key.name));
    const accepted: string[] = [];
    for (let i = 0; i < 3; i++) {
      const answer = await postWebhook(server, workflowId, { key: key.key });
      expect(answer.status).toBe(202);
      accepted.push(answer.body.executionId);
    }
    // A thousand distinct rejections (each from its own address, so none is folded or limited).
    await inParallel(
      Array.from({ length: 1000 }, (_, i) => i),
      16,
      async (i) => {
        const from = `10.20.${Math.floor(i / 250)}.${i % 250}`;
        const answer = await postWebhook(server, workflowId, { key: 'hf_wrong', headers: { 'x-forwarded-for': from } });
        expect(answer.status).toBe(401);
      },
    );
    const deliveries = await deliveriesOf(server, workflowId);
    expect(deliveries.filter((d) => d.outcome === 'accepted').map((d) => d.executionId)).toEqual(
      [...accepted].reverse(),
    );
    const rejected = deliveries.filter((d) => d.outcome === 'rejected');
    expect(rejected).toHaveLength(200);
    // Newest first across both: the rejections came last.
    expect(deliveries.slice(0, 200).every((d) => d.outcome === 'rejected')).toBe(true);
  });

  it('folds repeats of one rejection from one source within a minute into one entry with a count', async () => {
    const workflowId = await createWorkflow(server, orderAlert(key.name));
    const send = () =>
      postWebhook(server, workflowId, { key: 'hf_wrong', headers: { 'x-forwarded-for': '10.30.0.1' } });
    for (let i = 0; i < 20; i++) expect((await send()).status).toBe(401);
    // Written already: later repeats are added to the stored entry.
    await flushWebhookDeliveries(server.ctx);
    for (let i = 0; i < 15; i++) expect((await send()).status).toBe(401);
    // Another source, and another answer, are other entries.
    expect(
      (await postWebhook(server, workflowId, { key: 'hf_wrong', headers: { 'x-forwarded-for': '10.30.0.2' } })).status,
    ).toBe(401);
    expect(
      (await postWebhook(server, workflowId, { key: key.key, body: '{', headers: { 'x-forwarded-for': '10.30.0.1' } }))
        .status,
    ).toBe(400);

    const deliveries = (await deliveriesOf(server, workflowId)) as FoldedJson[];
    expect(deliveries).toHaveLength(3);
    const folded = deliveries.find((d) => d.sourceIp === '10.30.0.1' && d.status === 401)!;
    expect(folded).toMatchObject({ outcome: 'rejected', errorCode: 'unauthorized', count: 35 });
    expect(Date.parse(folded.lastReceivedAt!)).toBeGreaterThan(Date.parse(folded.receivedAt));
    expect(deliveries.find((d) => d.sourceIp === '10.30.0.2')).not.toHaveProperty('count');
    expect(deliveries.find((d) => d.status === 400)).not.toHaveProperty('count');
  });

  it('rebuilds the entry of an accepted delivery from Temporal when no server wrote it', async () => {
    const workflowId = await createWorkflow(server, orderAlert(key.name));
    const written = await postWebhook(server, workflowId, {
      key: key.key,
      headers: { 'idempotency-key': 'written-1' },
    });
    expect(written.status).toBe(202);
    // A server that started this run and stopped before writing its entry: the run is all that is left.
    const workflow = await server.ctx.store.workflows.getWorkflow(workflowId);
    const lost = await startWorkflowExecution(
      server.ctx,
      { workflow, graph: workflow.definition },
      { type: 'generic-webhook', deliveryKey: 'lost-1', payload: { body: { orderId: 'L-1' } } },
    );
    // Manual runs are no deliveries, and are never rebuilt as such.
    expect(
      (
        await server.admin(`/workflows/${workflowId}/runs`, {
          method: 'POST',
          json: { payload: { orderId: 'M-1', amount: 150 } },
        })
      ).status,
    ).toBe(202);

    await new Promise((resolve) => setTimeout(resolve, REBUILD_AFTER_MS + 1_000));
    const deliveries = (await deliveriesOf(server, workflowId)) as FoldedJson[];
    expect(deliveries.map((d) => d.deliveryKey)).toEqual(['lost-1', 'written-1']);
    expect(deliveries[0]).toMatchObject({
      outcome: 'accepted',
      status: 202,
      executionId: lost.executionId,
      deliveryKey: 'lost-1',
      triggerType: 'generic-webhook',
      recovered: true,
    });
    expect(deliveries[1]).not.toHaveProperty('recovered');
    // Rebuilt once: listing again adds nothing.
    expect(await deliveriesOf(server, workflowId)).toHaveLength(2);
  });
});
