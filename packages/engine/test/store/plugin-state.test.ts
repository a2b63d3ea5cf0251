import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Connection } from 'mongoose';
import { uniqueName } from '@hookflow/dev-stack/testing';
import { createPluginStateStore } from '../../src/store';
import { dropTestDatabase, openTestDatabase } from './store-test-database';

describe('plugin state store', () => {
  let connection: Connection;

  beforeAll(async () => {
    connection = await openTestDatabase('plugin-state');
  });

  afterAll(async () => {
    await dropTestDatabase(connection);
  });

  function store(workflowId = uniqueName('wf'), pluginType = 'amazon-sns') {
    return createPluginStateStore(connection, workflowId, pluginType);
  }

  it('gets, sets, overwrites and deletes JSON values', async () => {
    const state = store();
    expect(await state.get('subscription')).toBeUndefined();

    const value = {
      $ref: '#/x',
      'topic.arn': 'arn:aws:sns:eu-west-1:1:t',
      zeta: [1, null, { 'a.b': true }],
      alpha: 'é',
    };
    await state.set('subscription', value);
    const read = await state.get<typeof value>('subscription');
    expect(read).toEqual(value);
    expect(JSON.stringify(read)).toBe(JSON.stringify(value));

    await state.set('subscription', 'replaced');
    expect(await state.get('subscription')).toBe('replaced');
    for (const scalar of [0, false, null, '']) {
      await state.set('scalar', scalar);
      expect(await state.get('scalar')).toBe(scalar);
    }

    await state.delete('subscription');
    expect(await state.get('subscription')).toBeUndefined();
    await expect(state.delete('never-set')).resolves.toBeUndefined();
  });

  it('lists entries oldest first, optionally by key prefix (taken literally)', async () => {
    const state = store();
    await state.set('sub:b', 2);
    await state.set('sub:a', 1);
    await state.set('other', 0);
    await state.set('s.b*', 'regex-looking');
    await state.set('sub:b', 22); // an overwrite keeps its place

    expect(await state.list()).toEqual([
      { key: 'sub:b', value: 22 },
      { key: 'sub:a', value: 1 },
      { key: 'other', value: 0 },
      { key: 's.b*', value: 'regex-looking' },
    ]);
    expect((await state.list('sub:')).map((entry) => entry.key)).toEqual(['sub:b', 'sub:a']);
    expect((await state.list('s.')).map((entry) => entry.key)).toEqual(['s.b*']);
    expect(await state.list('none:')).toEqual([]);
  });

  it('keeps workflows and plugin types apart', async () => {
    const workflowA = uniqueName('wf');
    const workflowB = uniqueName('wf');
    const snsA = store(workflowA, 'amazon-sns');
    const snsB = store(workflowB, 'amazon-sns');
    const genericA = store(workflowA, 'generic-webhook');

    await snsA.set('key', 'sns-a');
    await snsB.set('key', 'sns-b');
    await genericA.set('key', 'generic-a');

    expect(await snsA.get('key')).toBe('sns-a');
    expect(await snsB.get('key')).toBe('sns-b');
    expect(await genericA.get('key')).toBe('generic-a');
    expect(await snsA.list()).toEqual([{ key: 'key', value: 'sns-a' }]);

    await snsA.delete('key');
    expect(await snsA.get('key')).toBeUndefined();
    expect(await snsB.get('key')).toBe('sns-b');
    expect(await genericA.get('key')).toBe('generic-a');
  });

  it('keeps one entry when first writes of a key race', async () => {
    const workflowId = uniqueName('wf');
    const state = store(workflowId);
    await Promise.all(Array.from({ length: 8 }, (_, index) => state.set('racy', index)));
    expect(await connection.db!.collection('plugin_state').countDocuments({ workflowId, key: 'racy' })).toBe(1);
    expect(typeof (await state.get('racy'))).toBe('number');
  });

  it('refuses values that are not JSON, keys out of bounds, and oversized values', async () => {
    const state = createPluginStateStore(connection, uniqueName('wf'), 'amazon-sns', { maxValueBytes: 100 });
    for (const value of [undefined, () => 1, Symbol('s'), 10n]) {
      await expect(state.set('bad', value)).rejects.toMatchObject({ code: 'plugin_state_invalid_value' });
    }
    await expect(state.set('', 1)).rejects.toMatchObject({ code: 'plugin_state_invalid_key' });
    await expect(state.get('k'.repeat(257))).rejects.toMatchObject({ code: 'plugin_state_invalid_key' });
    await expect(state.set('big', 'x'.repeat(200))).rejects.toMatchObject({ code: 'plugin_state_value_too_large' });
    expect(await state.list()).toEqual([]);
  });

  it('caps the number of entries, while existing ones stay writable', async () => {
    const state = createPluginStateStore(connection, uniqueName('wf'), 'amazon-sns', { maxEntries: 3 });
    for (const key of ['a', 'b', 'c']) await state.set(key, key);
    await expect(state.set('d', 'd')).rejects.toMatchObject({ code: 'plugin_state_full' });
    await state.set('a', 'updated');
    expect(await state.list()).toEqual([
      { key: 'a', value: 'updated' },
      { key: 'b', value: 'b' },
      { key: 'c', value: 'c' },
    ]);
  });
});
