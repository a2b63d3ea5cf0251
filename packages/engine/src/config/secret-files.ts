import { readFileSync } from 'node:fs';
import type { ErrorDetail } from '@hookflow/sdk';

/**
 * Variables that hold secrets. Each may instead be given as `<NAME>_FILE`, a path whose trimmed content is
 * the value, the way Docker and Kubernetes mount secrets.
 */
export const SECRET_VARIABLES = [
  'HOOKFLOW_ADMIN_TOKEN',
  'MONGODB_URI',
  'TEMPORAL_API_KEY',
  'HOOKFLOW_ENCRYPTION_KEY',
  'HOOKFLOW_ENCRYPTION_KEY_PREVIOUS',
] as const;

export type Environment = Record<string, string | undefined>;

/**
 * Returns a copy of `env` where each `<NAME>_FILE` is replaced by `<NAME>` holding the file's content.
 * Both given, or a file that cannot be read, is a problem naming the variable; the value is never echoed.
 */
export function resolveSecretFiles(
  env: Environment,
  readFile: (path: string) => string = (path) => readFileSync(path, 'utf8'),
): { env: Environment; problems: ErrorDetail[] } {
  const resolved: Environment = { ...env };
  const problems: ErrorDetail[] = [];
  for (const name of SECRET_VARIABLES) {
    const fileVariable = `${name}_FILE`;
    const file = nonEmpty(env[fileVariable]);
    if (file === undefined) continue;
    delete resolved[fileVariable];
    if (nonEmpty(env[name]) !== undefined) {
      problems.push({ path: name, message: `is set together with ${fileVariable}; set only one of them` });
      continue;
    }
    try {
      const value = readFile(file).trim();
      if (value === '') problems.push({ path: fileVariable, message: `names an empty file (${file})` });
      else resolved[name] = value;
    } catch (error) {
      problems.push({ path: fileVariable, message: `cannot be read (${file}): ${errorCode(error)}` });
    }
  }
  return { env: resolved, problems };
}

function nonEmpty(value: string | undefined): string | undefined {
  return value === undefined || value.trim() === '' ? undefined : value.trim();
}

function errorCode(error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code;
  return typeof code === 'string' ? code : error instanceof Error ? error.message : String(error);
}
