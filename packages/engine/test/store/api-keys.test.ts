import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import type { Connection } from 'mongoose';
import { ApiKeyRepository, hashApiKey, StoreError } from '../../src/store';
import { dropTestDatabase, openTestDatabase } from './store-test-database';

describe('API key store', () => {
  let connection: Connection;
  let apiKeys: ApiKeyRepository;

  beforeAll(async () => {
    connection = await openTestDatabase('api-keys');
    apiKeys = new ApiKeyRepository(connection);
  });

  afterAll(async () => {
    await dropTestDatabase(connection);
  });

  function rawKeys() {
    return connection.db!.collection('api_keys');
  }

  it('shows a new key once and stores only its SHA-256 hash', async () => {
    const created = await apiKeys.createApiKey('shop');

    expect(created.key).toMatch(/^hf_[A-Za-z0-9_-]{43}$/);
    expect(created.prefix).toBe(created.key.slice(0, 10));
    expect(created.id).toMatch(/^ak_[0-9a-f]{24}$/);
    expect(created.name).toBe('shop');
    expect(created.createdAt).toBeInstanceOf(Date);

    const raw = await rawKeys().findOne({ _id: created.id as never });
    expect(raw).not.toBeNull();
    expect(raw!.hash).toBe(createHash('sha256').update(created.key).digest('hex'));
    expect(raw!.prefix).toBe(created.prefix);
    expect(JSON.stringify(raw)).not.toContain(created.key);
    expect(JSON.stringify(raw)).not.toContain(created.key.slice(10));
  });

  it('generates a different key every time', async () => {
    const first = await apiKeys.createApiKey('unique-1');
    const second = await apiKeys.createApiKey('unique-2');
    expect(first.key).not.toBe(second.key);
    expect(first.id).not.toBe(second.id);
  });

  it('refuses a second active key with the same name (409 api_key_name_taken)', async () => {
    await apiKeys.createApiKey('billing');
    const error = await apiKeys.createApiKey('billing').catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(StoreError);
    expect(error).toMatchObject({ code: 'api_key_name_taken', status: 409 });
    expect(await rawKeys().countDocuments({ name: 'billing' })).toBe(1);
  });

  it('lets exactly one of several racing creations of a name win', async () => {
    const results = await Promise.allSettled(Array.from({ length: 5 }, () => apiKeys.createApiKey('racy')));
    expect(results.filter((result) => result.status === 'fulfilled')).toHaveLength(1);
    for (const result of results) {
      if (result.status === 'rejected') expect(result.reason).toMatchObject({ code: 'api_key_name_taken' });
    }
    expect(await rawKeys().countDocuments({ name: 'racy' })).toBe(1);
  });

  it('refuses empty, padded, control-character and over-long names', async () => {
    for (const name of ['', ' padded', 'tab\there', 'x'.repeat(101)]) {
      await expect(apiKeys.createApiKey(name)).rejects.toMatchObject({ code: 'invalid_api_key_name', status: 400 });
    }
  });

  it('lists keys without the key or its hash', async () => {
    const created = await apiKeys.createApiKey('listed');
    const items = await apiKeys.listApiKeys();
    const listed = items.find((item) => item.id === created.id);

    expect(listed).toEqual({
      id: created.id,
      name: 'listed',
      prefix: created.prefix,
      createdAt: created.createdAt,
      lastUsedAt: null,
      revokedAt: null,
    });
    const text = JSON.stringify(items);
    expect(text).not.toContain(created.key);
    expect(text).not.toContain(hashApiKey(created.key));
    for (const item of items)
      expect(Object.keys(item).sort()).toEqual(['createdAt', 'id', 'lastUsedAt', 'name', 'prefix', 'revokedAt']);
  });

  it('finds an active key by the hash of the presented key', async () => {
    const created = await apiKeys.createApiKey('lookup');
    expect(await apiKeys.findActiveKeyByHash(hashApiKey(created.key))).toEqual({
      id: created.id,
      name: 'lookup',
      prefix: created.prefix,
      createdAt: created.createdAt,
    });
    expect(await apiKeys.findActiveKeyByHash(hashApiKey(`${created.key}x`))).toBeNull();
    expect(await apiKeys.findActiveKeyByHash('not-a-hash')).toBeNull();
    expect(await apiKeys.findActiveKeyByHash(created.key)).toBeNull();
  });

  it('revokes a key: no longer found, listed as revoked, its name free for a replacement', async () => {
    const created = await apiKeys.createApiKey('rotate-me');
    const revoked = await apiKeys.revokeApiKey(created.id);

    expect(revoked.revokedAt).toBeInstanceOf(Date);
    expect(await apiKeys.findActiveKeyByHash(hashApiKey(created.key))).toBeNull();
    expect(await apiKeys.listActiveKeyNames()).not.toContain('rotate-me');
    const listed = (await apiKeys.listApiKeys()).find((item) => item.id === created.id);
    expect(listed?.revokedAt).toEqual(revoked.revokedAt);

    // Revoking again changes nothing.
    expect((await apiKeys.revokeApiKey(created.id)).revokedAt).toEqual(revoked.revokedAt);

    const replacement = await apiKeys.createApiKey('rotate-me');
    expect(await apiKeys.findActiveKeyByHash(hashApiKey(replacement.key))).toMatchObject({ id: replacement.id });
    expect(await apiKeys.findActiveKeyByHash(hashApiKey(created.key))).toBeNull();
    expect(await apiKeys.listActiveKeyNames()).toContain('rotate-me');
  });

  it('answers 404 api_key_not_found for an unknown key', async () => {
    await expect(apiKeys.revokeApiKey('ak_000000000000000000000000')).rejects.toMatchObject({
      code: 'api_key_not_found',
      status: 404,
    });
  });

  it('records the last use, at most once per precision interval', async () => {
    const throttled = new ApiKeyRepository(connection, { lastUsedPrecisionMs: 60_000 });
    const created = await throttled.createApiKey('touched');
    const first = new Date('2030-01-01T00:00:00.000Z');

    await throttled.touchLastUsed(created.id, first);
    await throttled.touchLastUsed(created.id, new Date(first.getTime() + 1000));
    let listed = (await throttled.listApiKeys()).find((item) => item.id === created.id);
    expect(listed?.lastUsedAt).toEqual(first);

    const later = new Date(first.getTime() + 61_000);
    await throttled.touchLastUsed(created.id, later);
    listed = (await throttled.listApiKeys()).find((item) => item.id === created.id);
    expect(listed?.lastUsedAt).toEqual(later);
  });

  it('keeps a revocation when the key is used at the same time', async () => {
    const created = await apiKeys.createApiKey('busy');
    const eager = new ApiKeyRepository(connection, { lastUsedPrecisionMs: 0 });
    await Promise.all([
      ...Array.from({ length: 10 }, () => eager.touchLastUsed(created.id)),
      apiKeys.revokeApiKey(created.id),
      ...Array.from({ length: 10 }, () => eager.touchLastUsed(created.id)),
    ]);
    expect(await apiKeys.findActiveKeyByHash(hashApiKey(created.key))).toBeNull();
    const listed = (await apiKeys.listApiKeys()).find((item) => item.id === created.id);
    expect(listed?.revokedAt).toBeInstanceOf(Date);
    expect(listed?.lastUsedAt).toBeInstanceOf(Date);
  });

  it('lists the names of active keys', async () => {
    const names = await apiKeys.listActiveKeyNames();
    expect(names).toEqual(expect.arrayContaining(['shop', 'billing', 'listed']));
    expect(names).toEqual([...names].sort());
  });
});
