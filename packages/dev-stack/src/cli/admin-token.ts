import { randomBytes } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';

/** The dev admin token: `HOOKFLOW_ADMIN_TOKEN` if set, else one generated once and kept under the home dir. */
export async function devAdminToken(home: string, env: NodeJS.ProcessEnv): Promise<string> {
  if (env.HOOKFLOW_ADMIN_TOKEN) return env.HOOKFLOW_ADMIN_TOKEN;
  const file = path.join(home, 'admin-token');
  try {
    const stored = (await readFile(file, 'utf8')).trim();
    if (stored.length >= 32) return stored;
  } catch {
    // first start: generate below
  }
  const token = `hf_admin_${randomBytes(24).toString('base64url')}`;
  await mkdir(home, { recursive: true });
  await writeFile(file, token + '\n', { mode: 0o600 });
  return token;
}
