import { readFile } from 'node:fs/promises';
import { CliError } from '../errors';
import { profileFilePath, readProfiles } from './profile-store';

/** Which server the CLI talks to, and the admin token it sends. */
export interface Connection {
  /** The server's base URL, without `/api/v1` and without a trailing slash. */
  url: string;
  token: string;
}

export const DEFAULT_URL = 'http://localhost:3000';
export const DEFAULT_PROFILE = 'default';

/** `http://host:3000/`, `http://host:3000/api/v1` → `http://host:3000`. */
export function normalizeUrl(url: string): string {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new CliError(`"${url}" is not a URL (expected e.g. ${DEFAULT_URL})`);
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
    throw new CliError(`"${url}" is not an http(s) URL`);
  }
  return parsed.href.replace(/\/+$/, '').replace(/\/api\/v1$/, '');
}

/**
 * The environment wins over the profile file, as a whole: with `HOOKFLOW_ADMIN_TOKEN` (or `_FILE`) set, the URL
 * is `HOOKFLOW_URL` (default localhost:3000). A profile's token is never sent to a URL the profile did not name.
 */
export async function resolveConnection(
  env: Record<string, string | undefined>,
  profileName = env.HOOKFLOW_PROFILE || DEFAULT_PROFILE,
): Promise<Connection> {
  const token = await tokenFromEnv(env);
  if (token) return { url: normalizeUrl(env.HOOKFLOW_URL || DEFAULT_URL), token };
  if (env.HOOKFLOW_URL) {
    throw new CliError('HOOKFLOW_URL is set but HOOKFLOW_ADMIN_TOKEN is not: set both, or neither to use a profile');
  }
  const file = profileFilePath(env);
  const profile = (await readProfiles(file)).profiles[profileName];
  if (!profile) {
    throw new CliError(`not logged in (no profile "${profileName}" in ${file})`, [
      '  run `hookflow login --url <server>`, or set HOOKFLOW_URL and HOOKFLOW_ADMIN_TOKEN',
    ]);
  }
  return { url: normalizeUrl(profile.url), token: profile.token };
}

async function tokenFromEnv(env: Record<string, string | undefined>): Promise<string | undefined> {
  if (env.HOOKFLOW_ADMIN_TOKEN && env.HOOKFLOW_ADMIN_TOKEN_FILE) {
    throw new CliError('set HOOKFLOW_ADMIN_TOKEN or HOOKFLOW_ADMIN_TOKEN_FILE, not both');
  }
  if (env.HOOKFLOW_ADMIN_TOKEN_FILE) {
    try {
      return (await readFile(env.HOOKFLOW_ADMIN_TOKEN_FILE, 'utf8')).trim();
    } catch (error) {
      throw new CliError(`cannot read HOOKFLOW_ADMIN_TOKEN_FILE: ${(error as Error).message}`);
    }
  }
  return env.HOOKFLOW_ADMIN_TOKEN || undefined;
}
