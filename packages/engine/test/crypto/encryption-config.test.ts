import { randomBytes } from 'node:crypto';
import { mkdtemp, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadEncryptionSettings } from '../../src/crypto/encryption-config';
import { parseEncryptionKey } from '../../src/crypto/encryption-key';
import { ConfigError } from '../../src/errors/engine-errors';

const key = () => randomBytes(32).toString('base64');

function problemsOf(env: NodeJS.ProcessEnv): string {
  try {
    loadEncryptionSettings(env);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as Error).message;
  }
  throw new Error('expected a ConfigError');
}

describe('loadEncryptionSettings', () => {
  it('starts without a key outside production, with payload encryption off', () => {
    const settings = loadEncryptionSettings({});
    expect(settings.keyRing.currentKeyId).toBeUndefined();
    expect(settings.payloadEncryption).toBe(false);
  });

  it('requires the key when NODE_ENV=production, with a message that says how to make one', () => {
    const message = problemsOf({ NODE_ENV: 'production' });
    expect(message).toContain('HOOKFLOW_ENCRYPTION_KEY: is required when NODE_ENV=production');
    expect(message).toContain('openssl rand -base64 32');
    expect(
      loadEncryptionSettings({ NODE_ENV: 'production', HOOKFLOW_ENCRYPTION_KEY: key() }).keyRing.currentKeyId,
    ).toMatch(/^[0-9a-f]{16}$/);
  });

  it('requires the key for payload encryption and for previous keys', () => {
    expect(problemsOf({ HOOKFLOW_PAYLOAD_ENCRYPTION: 'on' })).toContain('required when HOOKFLOW_PAYLOAD_ENCRYPTION=on');
    expect(problemsOf({ HOOKFLOW_ENCRYPTION_KEY_PREVIOUS: key() })).toContain(
      'required when HOOKFLOW_ENCRYPTION_KEY_PREVIOUS is set',
    );
    expect(problemsOf({ HOOKFLOW_ENCRYPTION_KEY: key(), HOOKFLOW_PAYLOAD_ENCRYPTION: 'yes' })).toContain(
      'HOOKFLOW_PAYLOAD_ENCRYPTION: must be "on" or "off"',
    );
  });

  it('names a malformed key without echoing it', () => {
    const message = problemsOf({ HOOKFLOW_ENCRYPTION_KEY: 'not-a-key-but-a-secret-anyway' });
    expect(message).toContain('HOOKFLOW_ENCRYPTION_KEY: must be 32 bytes');
    expect(message).not.toContain('not-a-key-but-a-secret-anyway');
  });

  it('reads keys from _FILE variables, current and previous (several, comma or newline separated)', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'hookflow-keys-'));
    const current = key();
    const previous = [key(), key()];
    await writeFile(path.join(dir, 'current'), `${current}\n`);
    await writeFile(path.join(dir, 'previous'), `${previous[0]},\n${previous[1]}\n`);
    const settings = loadEncryptionSettings({
      HOOKFLOW_ENCRYPTION_KEY_FILE: path.join(dir, 'current'),
      HOOKFLOW_ENCRYPTION_KEY_PREVIOUS_FILE: path.join(dir, 'previous'),
      HOOKFLOW_PAYLOAD_ENCRYPTION: 'on',
    });
    expect(settings.payloadEncryption).toBe(true);
    expect(settings.keyRing.currentKeyId).toBe(parseEncryptionKey(current)!.id);
    for (const old of previous) expect(settings.keyRing.canOpen(parseEncryptionKey(old)!.id)).toBe(true);

    expect(
      problemsOf({ HOOKFLOW_ENCRYPTION_KEY: current, HOOKFLOW_ENCRYPTION_KEY_FILE: path.join(dir, 'current') }),
    ).toContain('set only one');
    expect(problemsOf({ HOOKFLOW_ENCRYPTION_KEY_FILE: path.join(dir, 'missing') })).toContain(
      'HOOKFLOW_ENCRYPTION_KEY_FILE: cannot be read',
    );
  });
});
