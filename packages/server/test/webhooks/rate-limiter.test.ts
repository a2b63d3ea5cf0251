import { describe, expect, it } from 'vitest';
import { RateLimiter } from '../../src/webhooks/rate-limiter';

function clock() {
  const state = { now: 0 };
  return { state, now: () => state.now };
}

describe('RateLimiter (token bucket per key)', () => {
  it('allows the burst at once, then one request per 1/rate seconds', () => {
    const time = clock();
    const limiter = new RateLimiter({ perSecond: 2, burst: 3 }, time.now);
    expect([1, 2, 3].map(() => limiter.take('k').ok)).toEqual([true, true, true]);
    expect(limiter.take('k')).toEqual({ ok: false, retryAfterSeconds: 1 });
    time.state.now += 500;
    expect(limiter.take('k').ok).toBe(true);
    expect(limiter.take('k').ok).toBe(false);
    time.state.now += 10_000;
    expect([1, 2, 3, 4].map(() => limiter.take('k').ok)).toEqual([true, true, true, false]);
  });

  it('keeps keys apart', () => {
    const limiter = new RateLimiter({ perSecond: 1, burst: 1 }, clock().now);
    expect(limiter.take('a').ok).toBe(true);
    expect(limiter.take('a').ok).toBe(false);
    expect(limiter.take('b').ok).toBe(true);
  });

  it('says how long to wait when the rate is below one per second', () => {
    const limiter = new RateLimiter({ perSecond: 0.2, burst: 1 }, clock().now);
    limiter.take('k');
    expect(limiter.take('k')).toEqual({ ok: false, retryAfterSeconds: 5 });
  });

  it('is off with a rate of 0', () => {
    const limiter = new RateLimiter({ perSecond: 0, burst: 1 }, clock().now);
    expect(Array.from({ length: 1000 }, () => limiter.take('k').ok).every(Boolean)).toBe(true);
  });

  it('stays bounded with very many keys, forgetting idle ones first', () => {
    const time = clock();
    const limiter = new RateLimiter({ perSecond: 1, burst: 2 }, time.now);
    limiter.take('busy');
    limiter.take('busy');
    for (let n = 0; n < 30_000; n++) limiter.take(`key-${n}`);
    expect((limiter as unknown as { buckets: Map<string, unknown> }).buckets.size).toBeLessThanOrEqual(10_000);
  });
});
