import { describe, expect, it } from 'vitest';
import { ExpiringCache } from '../../src/webhooks/expiring-cache';

describe('ExpiringCache', () => {
  it('serves a loaded value until its age, counted from the start of the load, reaches the TTL', async () => {
    const time = { now: 0 };
    const cache = new ExpiringCache<string, number>({ ttlMs: 1000, maxEntries: 10, now: () => time.now });
    let loads = 0;
    const load = async () => {
      loads++;
      time.now += 300; // the lookup itself takes 300 ms
      return Promise.resolve(loads);
    };
    expect(await cache.get('k', load)).toBe(1);
    time.now += 600; // 900 ms after the load started
    expect(await cache.get('k', load)).toBe(1);
    time.now += 100; // 1000 ms: expired
    expect(await cache.get('k', load)).toBe(2);
  });

  it('shares one load between concurrent callers and never caches a failure', async () => {
    const cache = new ExpiringCache<string, string>({ ttlMs: 1000, maxEntries: 10 });
    let loads = 0;
    let release: (value: string) => void = () => undefined;
    const pending = new Promise<string>((resolve) => (release = resolve));
    const both = Promise.all([cache.get('k', () => (loads++, pending)), cache.get('k', () => (loads++, pending))]);
    release('v');
    expect(await both).toEqual(['v', 'v']);
    expect(loads).toBe(1);

    await expect(cache.get('bad', () => Promise.reject(new Error('down')))).rejects.toThrow('down');
    expect(await cache.get('bad', () => Promise.resolve('up'))).toBe('up');
  });

  it('keeps at most maxEntries, dropping the oldest', async () => {
    const cache = new ExpiringCache<number, number>({ ttlMs: 60_000, maxEntries: 3 });
    for (let n = 0; n < 10; n++) await cache.get(n, () => Promise.resolve(n));
    expect(cache.size).toBe(3);
    let reloaded = false;
    await cache.get(0, () => ((reloaded = true), Promise.resolve(0)));
    expect(reloaded).toBe(true);
  });

  it('forgets a key at once, and does not keep a load that was under way when it was forgotten', async () => {
    const cache = new ExpiringCache<string, string>({ ttlMs: 60_000, maxEntries: 10 });
    expect(await cache.get('k', () => Promise.resolve('old'))).toBe('old');
    cache.delete('k');
    let release: (value: string) => void = () => undefined;
    const stale = cache.get('k', () => new Promise<string>((resolve) => (release = resolve)));
    cache.delete('k'); // an admin write lands while the lookup that read the old state is still running
    release('old');
    expect(await stale).toBe('old');
    expect(await cache.get('k', () => Promise.resolve('new'))).toBe('new');

    cache.clear();
    expect(await cache.get('k', () => Promise.resolve('newer'))).toBe('newer');
  });
});
