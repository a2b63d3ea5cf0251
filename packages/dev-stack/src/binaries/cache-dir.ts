import os from 'node:os';
import path from 'node:path';

/** Built binaries live in the user's cache directory, keyed by version, shared by every clone. */
export function hookflowCacheDir(env: NodeJS.ProcessEnv = process.env): string {
  if (env.HOOKFLOW_CACHE_DIR) return path.resolve(env.HOOKFLOW_CACHE_DIR);
  const base = env.XDG_CACHE_HOME ? path.resolve(env.XDG_CACHE_HOME) : path.join(os.homedir(), '.cache');
  return path.join(base, 'hookflow');
}
