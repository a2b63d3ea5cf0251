import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Connection } from 'mongoose';
import { uniqueName } from '@hookflow/dev-stack/testing';
import { UnavailableError } from '../../src/errors/engine-errors';
import { createMongoConnection } from '../../src/store/connection';
import { createStore, initStore, STORE_ERROR_STATUS } from '../../src/store';
import { dropTestDatabase, openTestDatabase } from './store-test-database';

describe('store', () => {
  let connection: Connection;

  beforeAll(async () => {
    connection = await openTestDatabase('store');
  });

  afterAll(async () => {
    await dropTestDatabase(connection);
  });

  it('builds its indexes once, unique where a name or number must not repeat', async () => {
    await initStore(connection);
    await initStore(connection);
    const uniqueKeys = async (collection: string) =>
      (await connection.db!.collection(collection).indexes())
        .filter((index) => index.unique)
        .map((index) => Object.keys(index.key).join(','));

    expect(await uniqueKeys('api_keys')).toEqual(expect.arrayContaining(['nameKey', 'hash']));
    expect(await uniqueKeys('workflows')).toEqual(['name']);
    expect(await uniqueKeys('workflow_versions')).toEqual(['workflowId,version']);
    expect(await uniqueKeys('plugin_state')).toEqual(['workflowId,pluginType,key']);
    const deliveryIndexes = await connection.db!.collection('deliveries').indexes();
    expect(deliveryIndexes.map((index) => index.key)).toContainEqual({ workflowId: 1, receivedAt: -1, _id: -1 });
    for (const collection of ['api_keys', 'workflows', 'workflow_versions', 'deliveries', 'plugin_state']) {
      for (const index of await connection.db!.collection(collection).indexes()) {
        expect(index.expireAfterSeconds).toBeUndefined();
      }
    }
  });

  it('offers every repository on one connection and purges a deleted workflow’s log and plugin state', async () => {
    const store = createStore(connection);
    const workflow = await store.workflows.createWorkflow({ name: uniqueName('purged') });
    await store.deliveries.recordDelivery(workflow.id, {
      receivedAt: new Date(),
      triggerType: 'generic-webhook',
      outcome: 'accepted',
      status: 202,
      sourceIp: '127.0.0.1',
      bytes: 2,
    });
    await store.pluginState(workflow.id, 'amazon-sns').set('subscription', { arn: 'x' });

    await store.workflows.deleteWorkflow(workflow.id);

    expect(await store.deliveries.listDeliveries(workflow.id)).toEqual([]);
    expect(await store.pluginState(workflow.id, 'amazon-sns').list()).toEqual([]);
  });

  it('maps every store error code to an HTTP status', () => {
    expect(STORE_ERROR_STATUS).toMatchObject({
      api_key_name_taken: 409,
      api_key_not_found: 404,
      workflow_name_taken: 409,
      workflow_not_found: 404,
    });
  });

  it('answers `unavailable` when the database cannot be reached', async () => {
    const unreachable = createMongoConnection('mongodb://127.0.0.1:1', {
      dbName: uniqueName('down'),
      serverSelectionTimeoutMS: 300,
    });
    try {
      const store = createStore(unreachable);
      await expect(store.apiKeys.listApiKeys()).rejects.toBeInstanceOf(UnavailableError);
      await expect(store.workflows.getWorkflow('wf_x')).rejects.toMatchObject({ code: 'unavailable' });
      await expect(store.apiKeys.createApiKey('x')).rejects.toMatchObject({ code: 'unavailable' });
    } finally {
      await unreachable.close();
    }
  });
});
