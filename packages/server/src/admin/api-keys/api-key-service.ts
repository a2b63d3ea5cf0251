import { HookflowError } from '@hookflow/sdk';
import type { ApiKeyRepository, ApiKeySummary, CreatedApiKey } from '@hookflow/engine';
import type { AdminChanges } from '../../changes/admin-changes';
import { objectBody, onlyFields } from '../../http/request-input';
import { cursorDate, cursorString, decodeCursor, pageOf, readPageQuery, type Page } from '../paging/list-page';

/** API keys (docs/api.md): created with their secret shown once, listed without it, revoked by id. */
export class ApiKeyService {
  constructor(
    private readonly apiKeys: ApiKeyRepository,
    private readonly changes: AdminChanges,
  ) {}

  /** Body `{name}`; 409 `api_key_name_taken` while an active key has the name. */
  async create(body: unknown): Promise<CreatedApiKey> {
    const input = objectBody(body);
    onlyFields(input, ['name']);
    if (typeof input.name !== 'string') {
      throw new HookflowError('invalid_api_key_name', 'name is required and must be a string', {
        status: 400,
        details: [{ path: '/name', message: 'must be a string' }],
      });
    }
    return this.apiKeys.createApiKey(input.name);
  }

  /** `?limit&pageToken`: a page of keys, oldest first. */
  async list(query: Record<string, unknown>): Promise<Page<ApiKeySummary>> {
    const { limit, pageToken } = readPageQuery(query);
    const after =
      pageToken === undefined
        ? undefined
        : decodeCursor(pageToken, (cursor) => {
            const createdAt = cursorDate(cursor, 'createdAt');
            const id = cursorString(cursor, 'id');
            return createdAt && id ? { createdAt, id } : undefined;
          });
    const keys = await this.apiKeys.listApiKeys({ limit: limit + 1, ...(after ? { after } : {}) });
    return pageOf(keys, limit, (last) => ({ createdAt: last.createdAt.toISOString(), id: last.id }));
  }

  /** Revoking a revoked key is a no-op; an unknown id is 404 `api_key_not_found`. */
  async revoke(id: string): Promise<void> {
    try {
      await this.apiKeys.revokeApiKey(id);
    } finally {
      this.changes.apiKeysChanged();
    }
  }
}
