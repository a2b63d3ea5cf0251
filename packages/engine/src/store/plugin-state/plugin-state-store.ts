import type { Connection } from 'mongoose';
import type { PluginStateStore } from '@hookflow/sdk';
import { isDuplicateKeyError, withMongoErrors } from '../mongo-errors';
import { initStore } from '../store-indexes';
import { StoreError } from '../store-errors';
import { decodeUserJson } from '../user-json';
import { pluginStateModel } from './plugin-state-model';

export interface PluginStateLimits {
  /** Longest key, in characters (default 256). */
  maxKeyLength?: number;
  /** Largest value, as JSON text in UTF-8 bytes (default 64 KiB). */
  maxValueBytes?: number;
  /** Most entries one plugin may keep for one workflow (default 1000): the store is small by contract. */
  maxEntries?: number;
}

/**
 * The small per-workflow store a trigger plugin gets in its context (docs/plugins.md), scoped to one workflow and
 * one plugin type: a plugin never sees another workflow's or another plugin's entries. Values are JSON.
 */
export function createPluginStateStore(
  connection: Connection,
  workflowId: string,
  pluginType: string,
  limits: PluginStateLimits = {},
): PluginStateStore {
  const maxKeyLength = limits.maxKeyLength ?? 256;
  const maxValueBytes = limits.maxValueBytes ?? 64 * 1024;
  const maxEntries = limits.maxEntries ?? 1000;
  const scope = { workflowId, pluginType };
  const model = () => pluginStateModel(connection);

  function assertKey(key: string): void {
    if (typeof key !== 'string' || key.length === 0 || key.length > maxKeyLength) {
      throw new StoreError('plugin_state_invalid_key', `A plugin state key is 1-${maxKeyLength} characters`);
    }
  }

  function encodeValue(key: string, value: unknown): string {
    // JSON.stringify is what `encodeUserJson` does; called here to tell "not JSON" and size apart.
    // `unknown`: JSON.stringify returns undefined for undefined, functions and symbols, whatever its typing says.
    let text: unknown;
    try {
      text = JSON.stringify(value);
    } catch (error) {
      throw new StoreError('plugin_state_invalid_value', `The value of "${key}" is not JSON`, { cause: error });
    }
    if (typeof text !== 'string') {
      throw new StoreError('plugin_state_invalid_value', `The value of "${key}" is not JSON (use delete to remove it)`);
    }
    if (Buffer.byteLength(text, 'utf8') > maxValueBytes) {
      throw new StoreError('plugin_state_value_too_large', `The value of "${key}" exceeds ${maxValueBytes} bytes`);
    }
    return text;
  }

  async function setValue(key: string, value: string): Promise<void> {
    const now = new Date();
    const result = await model().updateOne(
      { ...scope, key },
      { $set: { value, updatedAt: now }, $setOnInsert: { createdAt: now } },
      { upsert: true },
    );
    if (result.upsertedCount > 0 && (await model().countDocuments(scope)) > maxEntries) {
      // Over the limit: undo the insertion rather than let a plugin grow the database without bound.
      await model().deleteOne({ ...scope, key });
      throw new StoreError('plugin_state_full', `A plugin keeps at most ${maxEntries} entries per workflow`);
    }
  }

  return {
    async get<T = unknown>(key: string): Promise<T | undefined> {
      assertKey(key);
      const entry = await withMongoErrors(() =>
        model()
          .findOne({ ...scope, key }, { value: 1 })
          .lean(),
      );
      return entry ? decodeUserJson<T>(entry.value) : undefined;
    },

    async set(key: string, value: unknown): Promise<void> {
      assertKey(key);
      const text = encodeValue(key, value);
      await withMongoErrors(async () => {
        await initStore(connection);
        try {
          await setValue(key, text);
        } catch (error) {
          // Two first writes of one key raced to insert it; the unique index kept one, now update that one.
          if (!isDuplicateKeyError(error)) throw error;
          await setValue(key, text);
        }
      });
    },

    async delete(key: string): Promise<void> {
      assertKey(key);
      await withMongoErrors(() => model().deleteOne({ ...scope, key }));
    },

    async list<T = unknown>(prefix = ''): Promise<{ key: string; value: T }[]> {
      const filter = prefix === '' ? scope : { ...scope, key: { $regex: `^${escapeRegExp(prefix)}` } };
      const entries = await withMongoErrors(() =>
        model().find(filter, { key: 1, value: 1 }).sort({ createdAt: 1, _id: 1 }).limit(maxEntries).lean(),
      );
      return entries.map((entry) => ({ key: entry.key, value: decodeUserJson<T>(entry.value) }));
    },
  };
}

/** Removes every plugin's state of a workflow (when the workflow is deleted). */
export async function deletePluginState(connection: Connection, workflowId: string): Promise<void> {
  await withMongoErrors(() => pluginStateModel(connection).deleteMany({ workflowId }));
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
