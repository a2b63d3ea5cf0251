import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Connection } from 'mongoose';
import { uniqueName } from '@hookflow/dev-stack/testing';
import { DeliveryLog, newDeliveryId, type DeliveryEntry } from '../../src/store';
import { dropTestDatabase, openTestDatabase } from './store-test-database';

const ALLOWED_FIELDS = [
  '_id',
  'workflowId',
  'receivedAt',
  'triggerType',
  'outcome',
  'status',
  'errorCode',
  'reason',
  'executionId',
  'deliveryKey',
  'sourceIp',
  'bytes',
  'count',
  'lastReceivedAt',
  'recovered',
];

function entry(secondsAfterEpoch: number, overrides: Partial<DeliveryEntry> = {}): DeliveryEntry {
  return {
    receivedAt: new Date(Date.UTC(2030, 0, 1) + secondsAfterEpoch * 1000),
    triggerType: 'generic-webhook',
    outcome: 'accepted',
    status: 202,
    executionId: `wf_x:key-${secondsAfterEpoch}`,
    deliveryKey: `key-${secondsAfterEpoch}`,
    sourceIp: '203.0.113.7',
    bytes: 42,
    ...overrides,
  };
}

describe('delivery log', () => {
  let connection: Connection;

  beforeAll(async () => {
    connection = await openTestDatabase('deliveries');
  });

  afterAll(async () => {
    await dropTestDatabase(connection);
  });

  function rawDeliveries() {
    return connection.db!.collection('deliveries');
  }

  it('records a delivery and lists it with all its fields', async () => {
    const log = new DeliveryLog(connection);
    const workflowId = uniqueName('wf');
    const recorded = await log.recordDelivery(workflowId, {
      ...entry(1),
      outcome: 'rejected',
      status: 401,
      errorCode: 'unauthorized',
      reason: 'missing API key',
      executionId: undefined,
      deliveryKey: undefined,
    });

    expect(recorded.id).toMatch(/^[0-9a-f]{24}$/);
    expect(await log.listDeliveries(workflowId)).toEqual([
      {
        id: recorded.id,
        receivedAt: entry(1).receivedAt,
        triggerType: 'generic-webhook',
        outcome: 'rejected',
        status: 401,
        errorCode: 'unauthorized',
        reason: 'missing API key',
        sourceIp: '203.0.113.7',
        bytes: 42,
      },
    ]);
  });

  it('lists newest first, whatever the order of writing, and honours the limit', async () => {
    const log = new DeliveryLog(connection);
    const workflowId = uniqueName('wf');
    for (const second of [3, 1, 5, 2, 4]) await log.recordDelivery(workflowId, entry(second));

    const all = await log.listDeliveries(workflowId);
    expect(all.map((item) => item.deliveryKey)).toEqual(['key-5', 'key-4', 'key-3', 'key-2', 'key-1']);
    const newest = await log.listDeliveries(workflowId, 2);
    expect(newest.map((item) => item.deliveryKey)).toEqual(['key-5', 'key-4']);
  });

  it('orders deliveries of the same instant by arrival', async () => {
    const log = new DeliveryLog(connection);
    const workflowId = uniqueName('wf');
    for (const key of ['a', 'b', 'c']) await log.recordDelivery(workflowId, entry(0, { deliveryKey: key }));
    expect((await log.listDeliveries(workflowId)).map((item) => item.deliveryKey)).toEqual(['c', 'b', 'a']);
  });

  it('keeps only the newest entries per workflow', async () => {
    const log = new DeliveryLog(connection, { keepPerWorkflow: 5, trimEvery: 1 });
    const workflowId = uniqueName('wf');
    for (let second = 1; second <= 12; second++) await log.recordDelivery(workflowId, entry(second));

    expect(await rawDeliveries().countDocuments({ workflowId })).toBe(5);
    const listed = await log.listDeliveries(workflowId, 100);
    expect(listed.map((item) => item.deliveryKey)).toEqual(['key-12', 'key-11', 'key-10', 'key-9', 'key-8']);
  });

  it('trims in batches: the overshoot is bounded and never listed', async () => {
    const log = new DeliveryLog(connection, { keepPerWorkflow: 5, trimEvery: 4 });
    const workflowId = uniqueName('wf');
    for (let second = 1; second <= 30; second++) {
      await log.recordDelivery(workflowId, entry(second));
      expect(await rawDeliveries().countDocuments({ workflowId })).toBeLessThanOrEqual(5 + 4);
      expect((await log.listDeliveries(workflowId, 1000)).length).toBeLessThanOrEqual(5);
    }
    expect(await log.trimDeliveries(workflowId)).toBeGreaterThanOrEqual(0);
    expect(await rawDeliveries().countDocuments({ workflowId })).toBe(5);
  });

  it('writes batches of several workflows at once, bounded and kept apart per workflow', async () => {
    const log = new DeliveryLog(connection, { keepPerWorkflow: 3, trimEvery: 1 });
    const first = uniqueName('wf');
    const second = uniqueName('wf');
    await log.recordDeliveries(
      Array.from({ length: 8 }, (_, index) => ({ workflowId: index % 2 === 0 ? first : second, ...entry(index) })),
    );
    await log.recordDeliveries([]);

    expect((await log.listDeliveries(first)).map((item) => item.deliveryKey)).toEqual(['key-6', 'key-4', 'key-2']);
    expect((await log.listDeliveries(second)).map((item) => item.deliveryKey)).toEqual(['key-7', 'key-5', 'key-3']);
    expect(await rawDeliveries().countDocuments({ workflowId: first })).toBe(3);
  });

  it('stores no field beyond the delivery fields, even when a caller slips some in', async () => {
    const log = new DeliveryLog(connection);
    const workflowId = uniqueName('wf');
    const withSecrets = {
      ...entry(1),
      apiKey: 'hf_secret-key',
      headers: { 'x-api-key': 'hf_secret-key', authorization: 'Bearer admin-token' },
      signature: 'c2lnbmF0dXJl',
    };
    // @ts-expect-error -- the type refuses objects carrying fields a delivery does not have
    await log.recordDelivery(workflowId, withSecrets);
    // @ts-expect-error -- and so does the batch form
    await log.recordDeliveries([{ workflowId, ...withSecrets }]);

    const raw = await rawDeliveries().find({ workflowId }).toArray();
    expect(raw).toHaveLength(2);
    for (const document of raw) {
      for (const field of Object.keys(document)) expect(ALLOWED_FIELDS).toContain(field);
      expect(JSON.stringify(document)).not.toMatch(/hf_secret-key|admin-token|c2lnbmF0dXJl/);
    }
  });

  it('cuts over-long free text', async () => {
    const log = new DeliveryLog(connection);
    const workflowId = uniqueName('wf');
    await log.recordDelivery(workflowId, entry(1, { reason: 'x'.repeat(10_000) }));
    const [listed] = await log.listDeliveries(workflowId);
    expect(listed!.reason!.length).toBe(500);
  });

  it('clamps the limit to the bound', async () => {
    const log = new DeliveryLog(connection, { keepPerWorkflow: 2, trimEvery: 1000 });
    const workflowId = uniqueName('wf');
    for (let second = 1; second <= 4; second++) await log.recordDelivery(workflowId, entry(second));
    expect(await log.listDeliveries(workflowId, 50)).toHaveLength(2);
    expect(await log.listDeliveries(workflowId, 0)).toHaveLength(2);
  });

  it('bounds rejections apart, so that they cannot push accepted entries out', async () => {
    const log = new DeliveryLog(connection, { keepPerWorkflow: 5, keepRejectedPerWorkflow: 3 });
    const workflowId = uniqueName('wf');
    for (let second = 1; second <= 4; second++) await log.recordDelivery(workflowId, entry(second));
    const rejections = Array.from({ length: 60 }, (_, i) => ({
      workflowId,
      ...entry(100 + i, { outcome: 'rejected', status: 401, errorCode: 'unauthorized' }),
      executionId: undefined,
    }));
    await log.recordDeliveries(rejections);
    await log.trimDeliveries(workflowId);
    const listed = await log.listDeliveries(workflowId, 100);
    expect(listed.map((d) => d.outcome)).toEqual([
      ...Array<string>(3).fill('rejected'),
      ...Array<string>(4).fill('accepted'),
    ]);
    expect(listed.slice(0, 3).map((d) => d.receivedAt.getTime())).toEqual(
      [159, 158, 157].map((s) => Date.UTC(2030, 0, 1) + s * 1000),
    );
    expect(await rawDeliveries().countDocuments({ workflowId, outcome: 'rejected' })).toBe(3);
  });

  it('adds repeats to a folded rejection after it was written', async () => {
    const log = new DeliveryLog(connection);
    const workflowId = uniqueName('wf');
    const id = newDeliveryId();
    await log.recordDeliveries([
      { workflowId, id, ...entry(1, { outcome: 'rejected', status: 401, count: 4 }), executionId: undefined },
    ]);
    await log.addRepeats([{ id, workflowId, count: 6, lastReceivedAt: new Date(Date.UTC(2030, 0, 1, 0, 0, 30)) }]);
    const [listed] = await log.listDeliveries(workflowId);
    expect(listed).toMatchObject({ id, count: 10, lastReceivedAt: new Date(Date.UTC(2030, 0, 1, 0, 0, 30)) });
  });
});
