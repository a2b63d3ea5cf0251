import { chmod, mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { CliError } from '../errors';

export interface Profile {
  url: string;
  token: string;
}

interface ProfileFile {
  profiles: Record<string, Profile>;
}

/** `HOOKFLOW_CONFIG`, else `$XDG_CONFIG_HOME/hookflow/config.json`, else `~/.config/hookflow/config.json`. */
export function profileFilePath(env: Record<string, string | undefined>): string {
  if (env.HOOKFLOW_CONFIG) return path.resolve(env.HOOKFLOW_CONFIG);
  const base = env.XDG_CONFIG_HOME || path.join(env.HOME || os.homedir(), '.config');
  return path.join(base, 'hookflow', 'config.json');
}

export async function readProfiles(file: string): Promise<ProfileFile> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { profiles: {} };
    throw new CliError(`cannot read ${file}: ${(error as Error).message}`);
  }
  try {
    const parsed = JSON.parse(text) as ProfileFile;
    if (typeof parsed.profiles !== 'object' || parsed.profiles === null) throw new Error('no "profiles" object');
    return parsed;
  } catch (error) {
    throw new CliError(`${file} is not a hookflow profile file: ${(error as Error).message}`);
  }
}

/**
 * Saves a profile. The file holds admin tokens: it is written to a temporary file created with mode 0600 and
 * renamed over the old one, so it is never readable by others, not even for a moment.
 */
export async function saveProfile(file: string, name: string, profile: Profile): Promise<void> {
  const current = await readProfiles(file);
  current.profiles[name] = profile;
  await mkdir(path.dirname(file), { recursive: true, mode: 0o700 });
  const temporary = `${file}.${process.pid}.tmp`;
  await writeFile(temporary, `${JSON.stringify(current, null, 2)}\n`, { mode: 0o600 });
  // The umask cannot widen 0600, but an existing temporary file keeps its old mode: set it explicitly.
  await chmod(temporary, 0o600);
  await rename(temporary, file);
}
