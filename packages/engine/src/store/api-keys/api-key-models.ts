import { Schema, type Connection, type Model } from 'mongoose';
import { modelOn } from '../model-registry';

export interface ApiKeyDocument {
  _id: string;
  name: string;
  /**
   * The unique index: the name while the key is active, a tombstone once revoked, so a revoked key's name can
   * be given to its replacement (rotation keeps the workflows bound to that name working).
   */
  nameKey: string;
  prefix: string;
  hash: string;
  createdAt: Date;
  revokedAt: Date | null;
}

/**
 * `lastUsedAt` lives in its own collection: it is written on webhook traffic, and on FerretDB an update
 * rewrites the whole document, so a touch racing a revocation on the same document could undo the revocation.
 */
export interface ApiKeyUsageDocument {
  _id: string;
  lastUsedAt: Date;
}

const apiKeySchema = new Schema<ApiKeyDocument>(
  {
    _id: { type: String, required: true },
    name: { type: String, required: true },
    nameKey: { type: String, required: true },
    prefix: { type: String, required: true },
    hash: { type: String, required: true },
    createdAt: { type: Date, required: true },
    revokedAt: { type: Date, default: null },
  },
  // Indexes are built by `initStore`, awaited and retried, not in mongoose's fire-and-forget background build.
  { collection: 'api_keys', versionKey: false, autoIndex: false },
);
apiKeySchema.index({ nameKey: 1 }, { unique: true });
apiKeySchema.index({ hash: 1 }, { unique: true });

const apiKeyUsageSchema = new Schema<ApiKeyUsageDocument>(
  {
    _id: { type: String, required: true },
    lastUsedAt: { type: Date, required: true },
  },
  { collection: 'api_key_usage', versionKey: false, autoIndex: false },
);

export function apiKeyModel(connection: Connection): Model<ApiKeyDocument> {
  return modelOn(connection, 'ApiKey', apiKeySchema);
}

export function apiKeyUsageModel(connection: Connection): Model<ApiKeyUsageDocument> {
  return modelOn(connection, 'ApiKeyUsage', apiKeyUsageSchema);
}

/** A value no active name can equal: names cannot contain control characters. */
export function revokedNameKey(id: string): string {
  return `\u0000revoked:${id}`;
}
