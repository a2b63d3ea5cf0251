export interface RateLimit {
  /** Tokens added per second; 0 disables limiting. */
  perSecond: number;
  /** Bucket capacity: requests allowed at once after a quiet period. */
  burst: number;
}

export type RateDecision = { ok: true } | { ok: false; retryAfterSeconds: number };

/** Buckets kept at most; when full, those that refilled completely (idle senders) are dropped first. */
const MAX_BUCKETS = 10_000;

/**
 * Token buckets in memory, one per key (API key id, or workflow id for plugins without a key). Per instance:
 * behind a load balancer of N servers a key may reach N times the rate, which keeps the limiter free of
 * shared state (README.md: servers are stateless).
 */
export class RateLimiter {
  private readonly buckets = new Map<string, { tokens: number; updatedAt: number }>();

  constructor(
    private readonly limit: RateLimit,
    private readonly now: () => number = () => performance.now(),
  ) {}

  /** Takes one token for `key`, or says how many seconds until one is available. */
  take(key: string): RateDecision {
    return this.decide(key, true);
  }

  /**
   * Would `take` succeed? Takes nothing: for limits counted by one event (a failed auth) and checked before
   * another (the next request). An unknown key creates no bucket, so checking costs no memory.
   */
  peek(key: string): RateDecision {
    if (this.limit.perSecond <= 0 || !this.buckets.has(key)) return { ok: true };
    return this.decide(key, false);
  }

  private decide(key: string, take: boolean): RateDecision {
    if (this.limit.perSecond <= 0) return { ok: true };
    const now = this.now();
    const bucket = this.buckets.get(key) ?? this.newBucket(key, now);
    bucket.tokens = Math.min(
      this.limit.burst,
      bucket.tokens + ((now - bucket.updatedAt) / 1000) * this.limit.perSecond,
    );
    bucket.updatedAt = now;
    if (bucket.tokens >= 1) {
      if (take) bucket.tokens -= 1;
      return { ok: true };
    }
    return { ok: false, retryAfterSeconds: Math.max(1, Math.ceil((1 - bucket.tokens) / this.limit.perSecond)) };
  }

  private newBucket(key: string, now: number): { tokens: number; updatedAt: number } {
    if (this.buckets.size >= MAX_BUCKETS) this.dropIdleBuckets(now);
    const bucket = { tokens: this.limit.burst, updatedAt: now };
    this.buckets.set(key, bucket);
    return bucket;
  }

  private dropIdleBuckets(now: number): void {
    for (const [key, bucket] of this.buckets) {
      const refilled = bucket.tokens + ((now - bucket.updatedAt) / 1000) * this.limit.perSecond;
      // A full bucket behaves exactly like a new one: forgetting it changes nothing.
      if (refilled >= this.limit.burst) this.buckets.delete(key);
    }
    // Still nearly full: every sender is busy. Drop the oldest, with headroom so the scan above stays rare.
    while (this.buckets.size >= MAX_BUCKETS * 0.9) this.buckets.delete(this.buckets.keys().next().value as string);
  }
}
