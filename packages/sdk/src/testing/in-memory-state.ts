import type { PluginStateStore } from '../plugin/trigger-plugin';

/** A Map-backed plugin state store for tests; values are copied through JSON like the real store. */
export function createInMemoryStateStore(): PluginStateStore & { entries: Map<string, unknown> } {
  const entries = new Map<string, unknown>();
  return {
    entries,
    get: <T>(key: string) => Promise.resolve(entries.get(key) as T | undefined),
    set: (key, value) => {
      entries.set(key, JSON.parse(JSON.stringify(value)) as unknown);
      return Promise.resolve();
    },
    delete: (key) => {
      entries.delete(key);
      return Promise.resolve();
    },
    list: <T>(prefix = '') =>
      Promise.resolve(
        [...entries.entries()]
          .filter(([key]) => key.startsWith(prefix))
          .map(([key, value]) => ({ key, value: value as T })),
      ),
  };
}
