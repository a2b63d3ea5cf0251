import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestServer } from '../support/test-server';
import {
  body,
  createApiKey,
  expectError,
  startAdminServer,
  type ApiKeyJson,
  type CreatedApiKeyJson,
  type ItemsJson,
} from './admin-fixtures';

describe('admin API: API keys', () => {
  let server: TestServer;
  const createdKeys: string[] = [];
  beforeAll(async () => {
    server = await startAdminServer({ worker: false });
  });
  afterAll(() => server.close());

  async function listKeys(): Promise<ApiKeyJson[]> {
    const response = await server.admin('/api-keys');
    expect(response.status).toBe(200);
    return (await body<ItemsJson<ApiKeyJson>>(response)).items;
  }

  it('creates a key and shows the secret once, uncached', async () => {
    const response = await server.admin('/api-keys', { method: 'POST', json: { name: 'shop' } });
    expect(response.status).toBe(201);
    expect(response.headers.get('cache-control')).toBe('no-store');
    const created = await body<CreatedApiKeyJson>(response);
    createdKeys.push(created.key);
    expect(Object.keys(created).sort()).toEqual(['createdAt', 'id', 'key', 'name', 'prefix']);
    expect(created).toMatchObject({ name: 'shop', id: expect.stringMatching(/^ak_/) as unknown });
    expect(created.key.startsWith(created.prefix)).toBe(true);
    expect(created.key.length).toBeGreaterThan(32);
    expect(Number.isNaN(Date.parse(created.createdAt))).toBe(false);
  });

  it('lists keys without the secret or its hash', async () => {
    const created = await createApiKey(server, 'listed');
    createdKeys.push(created.key);
    const response = await server.admin('/api-keys');
    const text = await response.text();
    expect(text).not.toContain(created.key);
    const listed = (JSON.parse(text) as ItemsJson<ApiKeyJson>).items.find((key) => key.id === created.id);
    expect(listed).toEqual({
      id: created.id,
      name: 'listed',
      prefix: created.prefix,
      createdAt: created.createdAt,
      lastUsedAt: null,
      revokedAt: null,
    });
  });

  it('refuses a second active key of the same name with 409 api_key_name_taken', async () => {
    await createApiKey(server, 'twice');
    await expectError(
      server.admin('/api-keys', { method: 'POST', json: { name: 'twice' } }),
      409,
      'api_key_name_taken',
    );
  });

  it('refuses invalid names with 400 and creates nothing', async () => {
    const before = (await listKeys()).length;
    for (const json of [
      {},
      { name: '' },
      { name: 42 },
      { name: ' padded ' },
      { name: 'a\nb' },
      { name: 'x'.repeat(101) },
    ]) {
      const error = await expectError(server.admin('/api-keys', { method: 'POST', json }), 400, 'invalid_api_key_name');
      expect(error.details?.[0]?.path).toBe('/name');
    }
    await expectError(
      server.admin('/api-keys', { method: 'POST', json: { name: 'ok', scope: 'all' } }),
      400,
      'invalid_request',
    );
    await expectError(server.admin('/api-keys', { method: 'POST' }), 400, 'invalid_request');
    expect((await listKeys()).length).toBe(before);
  });

  it('revokes a key with 204: listed as revoked, its name free for a replacement', async () => {
    const created = await createApiKey(server, 'rotated');
    const revoked = await server.admin(`/api-keys/${created.id}`, { method: 'DELETE' });
    expect(revoked.status).toBe(204);
    expect(await revoked.text()).toBe('');
    const listed = (await listKeys()).find((key) => key.id === created.id);
    expect(listed?.revokedAt).toEqual(expect.any(String));

    // Revoking again changes nothing.
    expect((await server.admin(`/api-keys/${created.id}`, { method: 'DELETE' })).status).toBe(204);
    const replacement = await createApiKey(server, 'rotated');
    expect(replacement.id).not.toBe(created.id);
  });

  it('answers 404 api_key_not_found for an unknown key', async () => {
    await expectError(server.admin('/api-keys/ak_unknown', { method: 'DELETE' }), 404, 'api_key_not_found');
  });

  it('never writes a key to the log', () => {
    const log = server.logLines.join('\n');
    for (const key of createdKeys) expect(log).not.toContain(key);
  });
});
