import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Connection } from 'mongoose';
import { uniqueName } from '@hookflow/dev-stack/testing';
import { parseEncryptionKey, type EncryptionKey } from '../../src/crypto/encryption-key';
import { KeyRing } from '../../src/crypto/key-ring';
import { CredentialRepository, StoreError, WorkflowRepository } from '../../src/store';
import { dropTestDatabase, openTestDatabase } from './store-test-database';

function newKey(): EncryptionKey {
  return parseEncryptionKey(randomBytes(32).toString('base64'))!;
}

function workflowUsing(name: string, credentials: string[]) {
  return {
    name,
    trigger: { type: 'generic-webhook', apiKeyName: 'shop', config: {} },
    nodes: credentials.map((credential, index) => ({
      id: `call${index}`,
      type: 'http.request',
      credential,
      params: { method: 'GET', url: 'http://example.test/' },
    })),
    edges: [],
  };
}

describe('credential store', () => {
  let connection: Connection;
  const key = newKey();
  let credentials: CredentialRepository;
  let workflows: WorkflowRepository;

  beforeAll(async () => {
    connection = await openTestDatabase('credentials');
    credentials = new CredentialRepository(connection, new KeyRing(key));
    workflows = new WorkflowRepository(connection);
  });

  afterAll(async () => {
    await dropTestDatabase(connection);
  });

  it('stores only ciphertext under the current key id, and shows field names, never values', async () => {
    const token = `tok_${randomBytes(12).toString('hex')}`;
    const created = await credentials.createCredential({
      name: uniqueName('shop-api'),
      type: 'bearer',
      data: { token },
    });
    expect(created).toMatchObject({ type: 'bearer', fields: ['token'], usedBy: [] });
    expect(created.id).toMatch(/^cr_[0-9a-f]{24}$/);
    expect(JSON.stringify(created)).not.toContain(token);
    expect(JSON.stringify(await credentials.listCredentials())).not.toContain(token);

    const raw = await connection.db!.collection('credentials').findOne({ _id: created.id as never });
    expect(JSON.stringify(raw)).not.toContain(token);
    expect(raw!.secret).toMatch(new RegExp(`^v1\\.${key.id}\\.`));

    const sealed = await credentials.findSealedByName(created.name);
    expect(credentials.openCredential(sealed!)).toEqual({ token });
  });

  it('refuses a taken name and a malformed one', async () => {
    const name = uniqueName('dup');
    await credentials.createCredential({ name, type: 'bearer', data: { token: 'a' } });
    await expect(credentials.createCredential({ name, type: 'bearer', data: { token: 'b' } })).rejects.toMatchObject({
      code: 'credential_name_taken',
      status: 409,
    });
    await expect(credentials.createCredential({ name: ' bad name', type: 'bearer', data: {} })).rejects.toBeInstanceOf(
      StoreError,
    );
  });

  it('rotates the data in place: same id, new ciphertext, new updatedAt', async () => {
    const created = await credentials.createCredential({
      name: uniqueName('rotating'),
      type: 'bearer',
      data: { token: 'one' },
    });
    const before = await connection.db!.collection('credentials').findOne({ _id: created.id as never });
    const rotated = await credentials.rotateCredential(created.id, { token: 'two' });
    expect(rotated.id).toBe(created.id);
    expect(rotated.updatedAt.getTime()).toBeGreaterThanOrEqual(created.updatedAt.getTime());
    const after = await connection.db!.collection('credentials').findOne({ _id: created.id as never });
    expect(after!.secret).not.toBe(before!.secret);
    expect(credentials.openCredential((await credentials.findSealedByName(created.name))!)).toEqual({ token: 'two' });
    await expect(credentials.rotateCredential('cr_000000000000000000000000', { token: 'x' })).rejects.toMatchObject({
      code: 'credential_not_found',
    });
  });

  it('a ciphertext copied onto another credential does not open', async () => {
    const a = await credentials.createCredential({ name: uniqueName('a'), type: 'bearer', data: { token: 'aaaa' } });
    const b = await credentials.createCredential({ name: uniqueName('b'), type: 'bearer', data: { token: 'bbbb' } });
    const rawA = await connection.db!.collection('credentials').findOne({ _id: a.id as never });
    await connection
      .db!.collection('credentials')
      .updateOne({ _id: b.id as never }, { $set: { secret: rawA!.secret } });
    const sealedB = await credentials.findSealedByName(b.name);
    expect(() => credentials.openCredential(sealedB!)).toThrow(expect.objectContaining({ code: 'decryption_failed' }));
  });

  it('lists the workflows using a credential and refuses to delete it while they do', async () => {
    const name = uniqueName('used');
    const other = uniqueName('unused');
    const credential = await credentials.createCredential({ name, type: 'bearer', data: { token: 'tttt' } });
    await credentials.createCredential({ name: other, type: 'bearer', data: { token: 'uuuu' } });
    const first = await workflows.createWorkflow(workflowUsing(uniqueName('wf-a'), [name, name]));
    const second = await workflows.createWorkflow(workflowUsing(uniqueName('wf-b'), [other, name]));

    const read = await credentials.getCredential(credential.id);
    expect(read.usedBy.map((user) => user.id).sort()).toEqual([first.id, second.id].sort());

    const refusal = await credentials.deleteCredential(credential.id).catch((error: unknown) => error);
    expect(refusal).toMatchObject({ code: 'credential_in_use', status: 409 });
    expect((refusal as StoreError).message).toContain(first.name);
    expect((refusal as StoreError).details?.map((detail) => detail.workflowId).sort()).toEqual(
      [first.id, second.id].sort(),
    );

    // A new version without the reference frees it; deleting the other workflow too.
    await workflows.updateWorkflow(first.id, workflowUsing(first.name, []));
    await workflows.deleteWorkflow(second.id);
    expect((await credentials.getCredential(credential.id)).usedBy).toEqual([]);
    await credentials.deleteCredential(credential.id);
    await expect(credentials.getCredential(credential.id)).rejects.toMatchObject({ code: 'credential_not_found' });
  });

  it('re-encrypts every value under a new key, reading the old ones with the previous key', async () => {
    const database = await openTestDatabase('credentials-rotation');
    try {
      const oldKey = newKey();
      const newer = newKey();
      const before = new CredentialRepository(database, new KeyRing(oldKey));
      const names = [uniqueName('r1'), uniqueName('r2')];
      for (const name of names)
        await before.createCredential({ name, type: 'bearer', data: { token: `${name}-value` } });

      const withoutOld = new CredentialRepository(database, new KeyRing(newer));
      const sealed = await withoutOld.findSealedByName(names[0]!);
      expect(() => withoutOld.openCredential(sealed!)).toThrow(
        expect.objectContaining({ code: 'encryption_key_unknown' }),
      );

      const rotating = new CredentialRepository(database, new KeyRing(newer, [oldKey]));
      expect(await rotating.reencryptAll()).toEqual({ total: 2, reencrypted: 2, alreadyCurrent: 0, failed: [] });
      expect(await rotating.reencryptAll()).toEqual({ total: 2, reencrypted: 0, alreadyCurrent: 2, failed: [] });

      for (const name of names) {
        const current = (await withoutOld.findSealedByName(name))!;
        expect(current.secret.startsWith(`v1.${newer.id}.`)).toBe(true);
        expect(withoutOld.openCredential(current)).toEqual({ token: `${name}-value` });
      }

      // A value under a key nobody has any more is reported, not lost silently.
      const lost = new CredentialRepository(database, new KeyRing(newKey()));
      const report = await lost.reencryptAll();
      expect(report.failed.map((failure) => failure.code)).toEqual([
        'encryption_key_unknown',
        'encryption_key_unknown',
      ]);
    } finally {
      await dropTestDatabase(database);
    }
  });
});
