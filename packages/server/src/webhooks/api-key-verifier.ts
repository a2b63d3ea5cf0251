import { hashApiKey, type ActiveApiKey, type ApiKeyRepository, type Logger } from '@hookflow/engine';
import { ExpiringCache } from './expiring-cache';

/**
 * How long one instance trusts a key lookup. docs/api.md: a revoked key is refused by every instance within
 * 5 s; the age counts from when the lookup started, so 4 s leaves a margin for the lookup itself.
 */
export const API_KEY_CACHE_TTL_MS = 4_000;
const MAX_CACHED_KEYS = 10_000;
/** Generated keys are ~46 characters; anything much longer is not worth hashing. */
const MAX_KEY_LENGTH = 512;

export type KeyVerification = { ok: true; key: ActiveApiKey } | { ok: false; reason: string };

/**
 * Checks a presented API key: live (not revoked) and bound to the workflow by name. Keys are looked up by
 * their SHA-256 hash; lookups, unknown keys included, are cached per instance for `API_KEY_CACHE_TTL_MS`
 * (an unknown key cannot become valid later: keys are generated, never chosen).
 */
export class ApiKeyVerifier {
  private readonly cache: ExpiringCache<string, ActiveApiKey | null>;

  constructor(
    private readonly apiKeys: ApiKeyRepository,
    private readonly logger: Logger,
    onLookup?: (hit: boolean) => void,
  ) {
    this.cache = new ExpiringCache({
      ttlMs: API_KEY_CACHE_TTL_MS,
      maxEntries: MAX_CACHED_KEYS,
      ...(onLookup ? { onLookup } : {}),
    });
  }

  /** Drops every cached lookup (after a key was revoked: the cache is keyed by hash, not by key id). */
  forgetAll(): void {
    this.cache.clear();
  }

  /** Rejects with `unavailable` when the database cannot be reached (answered 503, not 401). */
  async verify(presented: string | undefined, boundKeyName: string): Promise<KeyVerification> {
    if (presented === undefined || presented === '') return { ok: false, reason: 'no API key presented' };
    if (presented.length > MAX_KEY_LENGTH) return { ok: false, reason: 'unknown or revoked API key' };
    const hash = hashApiKey(presented);
    const key = await this.cache.get(hash, () => this.apiKeys.findActiveKeyByHash(hash));
    if (!key) return { ok: false, reason: 'unknown or revoked API key' };
    // The key itself was matched by its hash; names are not secret, so a plain comparison leaks nothing.
    if (key.name !== boundKeyName) {
      return { ok: false, reason: `API key "${key.name}" is not the one bound to this workflow` };
    }
    // Usage is for operators; it must never delay or fail the request.
    this.apiKeys.touchLastUsed(key.id).catch((error: unknown) => {
      this.logger.debug({ err: error, apiKeyId: key.id }, 'could not record API key use');
    });
    return { ok: true, key };
  }
}
