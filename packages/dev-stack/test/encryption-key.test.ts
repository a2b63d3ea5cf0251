import { mkdtemp, readFile, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadEncryptionSettings } from '@hookflow/engine';
import { devEncryptionKeyFile } from '../src/cli/encryption-key';

describe('npm run dev: the encryption key', () => {
  it('is generated once under the home directory, private, and handed on as HOOKFLOW_ENCRYPTION_KEY_FILE', async () => {
    const home = path.join(await mkdtemp(path.join(os.tmpdir(), 'hookflow-dev-')), '.hookflow');
    const env: NodeJS.ProcessEnv = {};
    const file = await devEncryptionKeyFile(home, env);
    expect(file).toBe(path.join(home, 'encryption-key'));
    expect(env.HOOKFLOW_ENCRYPTION_KEY_FILE).toBe(file);
    expect((await stat(file!)).mode & 0o777).toBe(0o600);
    const first = await readFile(file!, 'utf8');
    expect(loadEncryptionSettings(env).keyRing.currentKeyId).toMatch(/^[0-9a-f]{16}$/);

    // The next start keeps it: credentials saved before stay readable.
    await devEncryptionKeyFile(home, {});
    expect(await readFile(file!, 'utf8')).toBe(first);
  });

  it('leaves a key the environment sets alone', async () => {
    const home = await mkdtemp(path.join(os.tmpdir(), 'hookflow-dev-'));
    const env: NodeJS.ProcessEnv = { HOOKFLOW_ENCRYPTION_KEY: 'set-by-the-operator' };
    expect(await devEncryptionKeyFile(home, env)).toBeUndefined();
    expect(env).toEqual({ HOOKFLOW_ENCRYPTION_KEY: 'set-by-the-operator' });
  });
});
