import type { Connection } from 'mongoose';
import { isDuplicateKeyError, withMongoErrors } from '../mongo-errors';
import { newResourceId } from '../random-id';
import { initStore } from '../store-indexes';
import { StoreError } from '../store-errors';
import { apiKeyModel, apiKeyUsageModel, revokedNameKey, type ApiKeyDocument } from './api-key-models';
import { generateApiKey } from './api-key-secret';

/** What `POST /api-keys` answers: the only time `key` is ever available. */
export interface CreatedApiKey {
  id: string;
  name: string;
  key: string;
  prefix: string;
  createdAt: Date;
}

/** What listing shows: never the key, never its hash. */
export interface ApiKeySummary {
  id: string;
  name: string;
  prefix: string;
  createdAt: Date;
  lastUsedAt: Date | null;
  revokedAt: Date | null;
}

/** A live key found by its hash, for request authentication. */
export interface ActiveApiKey {
  id: string;
  name: string;
  prefix: string;
  createdAt: Date;
}

/** A page of the key listing (oldest first): at most `limit` keys after the key `after` (default: all). */
export interface ApiKeyListPage {
  limit?: number;
  after?: { createdAt: Date; id: string };
}

export interface ApiKeyRepositoryOptions {
  /**
   * `touchLastUsed` writes at most once per key per this interval (default 60 s) from one process: the
   * timestamp is for operators, not for security, and must not cost a write per webhook request.
   */
  lastUsedPrecisionMs?: number;
}

const MAX_NAME_LENGTH = 100;
const SHA256_HEX = /^[0-9a-f]{64}$/;
/** Bound of the in-memory throttle map; cleared when full (a cleared entry costs one extra write). */
const MAX_TRACKED_TOUCHES = 10_000;

export class ApiKeyRepository {
  private readonly lastUsedPrecisionMs: number;
  private readonly lastTouched = new Map<string, number>();

  constructor(
    private readonly connection: Connection,
    options: ApiKeyRepositoryOptions = {},
  ) {
    this.lastUsedPrecisionMs = options.lastUsedPrecisionMs ?? 60_000;
  }

  /** Creates a key; the returned `key` is shown once and only its SHA-256 hash is stored. */
  async createApiKey(name: string): Promise<CreatedApiKey> {
    assertValidName(name);
    return withMongoErrors(async () => {
      await initStore(this.connection);
      const ApiKey = apiKeyModel(this.connection);
      if (await ApiKey.exists({ nameKey: name })) throw nameTaken(name);
      const { key, prefix, hash } = generateApiKey();
      const document: ApiKeyDocument = {
        _id: newResourceId('ak'),
        name,
        nameKey: name,
        prefix,
        hash,
        createdAt: new Date(),
        revokedAt: null,
      };
      try {
        await ApiKey.create(document);
      } catch (error) {
        // The unique index settles a race between two creations of the same name.
        if (isDuplicateKeyError(error)) throw nameTaken(name, error);
        throw error;
      }
      return { id: document._id, name, key, prefix, createdAt: document.createdAt };
    });
  }

  /** Every key, revoked ones included, oldest first; a page of them with `page`. */
  async listApiKeys(page: ApiKeyListPage = {}): Promise<ApiKeySummary[]> {
    return withMongoErrors(async () => {
      const { after } = page;
      const filter = after
        ? { $or: [{ createdAt: { $gt: after.createdAt } }, { createdAt: after.createdAt, _id: { $gt: after.id } }] }
        : {};
      let query = apiKeyModel(this.connection).find(filter, { hash: 0, nameKey: 0 }).sort({ createdAt: 1, _id: 1 });
      if (page.limit !== undefined) query = query.limit(page.limit);
      const keys = await query.lean();
      const usage = await apiKeyUsageModel(this.connection)
        .find({ _id: { $in: keys.map((key) => key._id) } })
        .lean();
      const lastUsed = new Map(usage.map((entry) => [entry._id, entry.lastUsedAt]));
      return keys.map((key) => toSummary(key, lastUsed.get(key._id) ?? null));
    });
  }

  /**
   * Revokes a key: it stops authenticating at once (lookups read the database; server caches must expire
   * within the 5 s the API promises) and its name becomes free for a replacement. Revoking a revoked key changes nothing.
   */
  async revokeApiKey(id: string): Promise<ApiKeySummary> {
    return withMongoErrors(async () => {
      const ApiKey = apiKeyModel(this.connection);
      const existing = await ApiKey.findById(id).lean();
      if (!existing) throw new StoreError('api_key_not_found', `API key ${id} does not exist`);
      if (!existing.revokedAt) {
        await ApiKey.updateOne(
          { _id: id, revokedAt: null },
          { $set: { revokedAt: new Date(), nameKey: revokedNameKey(id) } },
        );
      }
      const summary = await this.summaryOf(id);
      if (!summary) throw new StoreError('api_key_not_found', `API key ${id} does not exist`);
      return summary;
    });
  }

  private async summaryOf(id: string): Promise<ApiKeySummary | null> {
    const key = await apiKeyModel(this.connection).findById(id, { hash: 0, nameKey: 0 }).lean();
    if (!key) return null;
    const usage = await apiKeyUsageModel(this.connection).findById(id).lean();
    return toSummary(key, usage?.lastUsedAt ?? null);
  }

  /** The live key with this SHA-256 hash (see `hashApiKey`), or null when unknown or revoked. */
  async findActiveKeyByHash(hash: string): Promise<ActiveApiKey | null> {
    if (!SHA256_HEX.test(hash)) return null;
    return withMongoErrors(async () => {
      const key = await apiKeyModel(this.connection).findOne({ hash, revokedAt: null }, { hash: 0 }).lean();
      return key ? { id: key._id, name: key.name, prefix: key.prefix, createdAt: key.createdAt } : null;
    });
  }

  /**
   * Records that a key was just used. Throttled per key (see `lastUsedPrecisionMs`); concurrent touches may
   * overwrite each other, which only moves the timestamp by milliseconds.
   */
  async touchLastUsed(id: string, at: Date = new Date()): Promise<void> {
    const previous = this.lastTouched.get(id);
    if (previous !== undefined && at.getTime() - previous < this.lastUsedPrecisionMs) return;
    if (this.lastTouched.size >= MAX_TRACKED_TOUCHES) this.lastTouched.clear();
    this.lastTouched.set(id, at.getTime());
    try {
      await withMongoErrors(() =>
        apiKeyUsageModel(this.connection).updateOne({ _id: id }, { $set: { lastUsedAt: at } }, { upsert: true }),
      );
    } catch (error) {
      // Two first touches raced to insert the usage document: the other one recorded the use.
      if (isDuplicateKeyError(error)) return;
      this.lastTouched.delete(id);
      throw error;
    }
  }

  /** Names of the live keys: what a workflow's `trigger.apiKeyName` may refer to. */
  async listActiveKeyNames(): Promise<string[]> {
    return withMongoErrors(async () => {
      const keys = await apiKeyModel(this.connection).find({ revokedAt: null }, { name: 1 }).sort({ name: 1 }).lean();
      return keys.map((key) => key.name);
    });
  }
}

function toSummary(
  key: Pick<ApiKeyDocument, '_id' | 'name' | 'prefix' | 'createdAt' | 'revokedAt'>,
  lastUsedAt: Date | null,
): ApiKeySummary {
  return {
    id: key._id,
    name: key.name,
    prefix: key.prefix,
    createdAt: key.createdAt,
    lastUsedAt,
    revokedAt: key.revokedAt ?? null,
  };
}

function assertValidName(name: string): void {
  const valid =
    typeof name === 'string' &&
    name.length > 0 &&
    name.length <= MAX_NAME_LENGTH &&
    name.trim() === name &&
    !hasControlCharacter(name);
  if (!valid) {
    throw new StoreError(
      'invalid_api_key_name',
      `An API key name is 1-${MAX_NAME_LENGTH} characters, without control characters or surrounding spaces`,
      { details: [{ path: '/name', message: 'invalid API key name' }] },
    );
  }
}

function hasControlCharacter(text: string): boolean {
  for (let index = 0; index < text.length; index++) {
    const code = text.charCodeAt(index);
    if (code < 0x20 || code === 0x7f) return true;
  }
  return false;
}

function nameTaken(name: string, cause?: unknown): StoreError {
  return new StoreError('api_key_name_taken', `An active API key named "${name}" already exists`, { cause });
}
