export interface ExpiringCacheOptions {
  /** How long a loaded value is served, counted from when its load started (so it is never older than this). */
  ttlMs: number;
  /** Bound on the entries kept; the oldest are dropped first. */
  maxEntries: number;
  now?: () => number;
  /** Told of every lookup: served from the cache (`true`) or not (loaded, or joining a load in flight). */
  onLookup?: (hit: boolean) => void;
}

/**
 * A per-instance cache of loaded values with a hard age limit, for lookups that must notice changes made by
 * other instances within a few seconds (revoked keys, disabled or deleted workflows). Concurrent loads of one
 * key share a single lookup. A failed load is never cached.
 */
export class ExpiringCache<K, V> {
  private readonly entries = new Map<K, { value: V; expiresAt: number }>();
  private readonly loading = new Map<K, Promise<V>>();
  /** Bumped by `delete`/`clear`: a load that started before must not store what it read. */
  private generation = 0;
  private readonly now: () => number;

  constructor(private readonly options: ExpiringCacheOptions) {
    this.now = options.now ?? (() => performance.now());
  }

  async get(key: K, load: () => Promise<V>): Promise<V> {
    const cached = this.entries.get(key);
    if (cached && cached.expiresAt > this.now()) {
      this.options.onLookup?.(true);
      return cached.value;
    }
    if (cached) this.entries.delete(key);
    this.options.onLookup?.(false);

    const pending = this.loading.get(key);
    if (pending) return pending;
    const startedAt = this.now();
    const generation = this.generation;
    const loaded = load().then(
      (value) => {
        if (this.loading.get(key) === loaded) this.loading.delete(key);
        if (generation === this.generation) this.store(key, value, startedAt + this.options.ttlMs);
        return value;
      },
      (error: unknown) => {
        if (this.loading.get(key) === loaded) this.loading.delete(key);
        throw error;
      },
    );
    this.loading.set(key, loaded);
    return loaded;
  }

  /** Forgets `key`: the next `get` loads it afresh, and a load already under way is not kept. */
  delete(key: K): void {
    this.generation++;
    this.entries.delete(key);
    this.loading.delete(key);
  }

  /** Forgets everything, loads under way included. */
  clear(): void {
    this.generation++;
    this.entries.clear();
    this.loading.clear();
  }

  get size(): number {
    return this.entries.size;
  }

  private store(key: K, value: V, expiresAt: number): void {
    if (expiresAt <= this.now()) return;
    this.entries.delete(key);
    this.entries.set(key, { value, expiresAt });
    while (this.entries.size > this.options.maxEntries) {
      this.entries.delete(this.entries.keys().next().value as K);
    }
  }
}
