import { randomBytes } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';

/**
 * The dev encryption key (credentials, Temporal payloads): `HOOKFLOW_ENCRYPTION_KEY`/`_FILE` if set, else a key
 * generated once and kept in `<home>/encryption-key` (mode 0600), handed to the server and worker as
 * `HOOKFLOW_ENCRYPTION_KEY_FILE`. Returns the file used, or undefined when the environment sets the key.
 */
export async function devEncryptionKeyFile(home: string, env: NodeJS.ProcessEnv): Promise<string | undefined> {
  if (env.HOOKFLOW_ENCRYPTION_KEY?.trim() || env.HOOKFLOW_ENCRYPTION_KEY_FILE?.trim()) return undefined;
  const file = path.join(home, 'encryption-key');
  const stored = await readFile(file, 'utf8').catch(() => '');
  if (stored.trim() === '') {
    await mkdir(home, { recursive: true });
    // `wx`: two dev starts racing never overwrite a key that may already encrypt credentials.
    await writeFile(file, `${randomBytes(32).toString('base64')}\n`, { mode: 0o600, flag: 'wx' }).catch(
      (error: NodeJS.ErrnoException) => {
        if (error.code !== 'EEXIST') throw error;
      },
    );
  }
  env.HOOKFLOW_ENCRYPTION_KEY_FILE = file;
  return file;
}
