import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Connection } from 'mongoose';
import { testStack } from '@hookflow/dev-stack/testing';
import { parseEncryptionKey } from '../../src/crypto/encryption-key';
import { KeyRing } from '../../src/crypto/key-ring';
import { CredentialRepository } from '../../src/store';
import { dropTestDatabase, openTestDatabase } from '../store/store-test-database';

const run = promisify(execFile);
const COMMAND = path.resolve(__dirname, '../../dist/credentials/reencrypt-main.js');

describe('npm run reencrypt', () => {
  let connection: Connection;
  const oldKey = randomBytes(32).toString('base64');
  const newKey = randomBytes(32).toString('base64');

  beforeAll(async () => {
    connection = await openTestDatabase('reencrypt-command');
    const before = new CredentialRepository(connection, new KeyRing(parseEncryptionKey(oldKey)));
    await before.createCredential({ name: 'partner', type: 'bearer', data: { token: 'tok-partner' } });
  });

  afterAll(async () => {
    await dropTestDatabase(connection);
  });

  const env = (extra: Record<string, string>) => ({
    PATH: process.env.PATH ?? '',
    MONGODB_URI: `${testStack().mongodbUri}/${connection.name}`,
    ...extra,
  });

  it('re-encrypts under the new key with the old one as previous, and reports it', async () => {
    const { stdout } = await run(process.execPath, [COMMAND], {
      env: env({ HOOKFLOW_ENCRYPTION_KEY: newKey, HOOKFLOW_ENCRYPTION_KEY_PREVIOUS: oldKey }),
    });
    expect(JSON.parse(stdout)).toEqual({
      keyId: parseEncryptionKey(newKey)!.id,
      total: 1,
      reencrypted: 1,
      alreadyCurrent: 0,
      failed: [],
    });
    const after = new CredentialRepository(connection, new KeyRing(parseEncryptionKey(newKey)));
    expect(after.openCredential((await after.findSealedByName('partner'))!)).toEqual({ token: 'tok-partner' });
  });

  it('fails with exit status 1 naming the credentials no configured key opens', async () => {
    const failure = await run(process.execPath, [COMMAND], {
      env: env({ HOOKFLOW_ENCRYPTION_KEY: randomBytes(32).toString('base64') }),
    }).catch((error: unknown) => error as { code: number; stderr: string });
    expect(failure).toMatchObject({ code: 1 });
    expect((failure as { stderr: string }).stderr).toContain(
      'could not be decrypted with the configured keys: partner',
    );
  });

  it('refuses to run without a key', async () => {
    const failure = await run(process.execPath, [COMMAND], { env: env({}) }).catch(
      (error: unknown) => error as { code: number; stderr: string },
    );
    expect(failure).toMatchObject({ code: 1 });
    expect((failure as { stderr: string }).stderr).toContain('HOOKFLOW_ENCRYPTION_KEY (or _FILE) is required');
  });
});
