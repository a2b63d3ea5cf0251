import { resolveSecretFiles } from '../config/secret-files';
import type { ErrorDetail } from '@hookflow/sdk';
import { ConfigError } from '../errors/engine-errors';
import { parseEncryptionKey, type EncryptionKey } from './encryption-key';
import { KeyRing } from './key-ring';

/** What the encryption variables configure (credentials at rest, and Temporal payloads when turned on). */
export interface EncryptionSettings {
  keyRing: KeyRing;
  /** `HOOKFLOW_PAYLOAD_ENCRYPTION=on`: Temporal payloads are encrypted by a payload codec. */
  payloadEncryption: boolean;
}

/**
 * "Production" is `NODE_ENV=production` (the Docker image sets it). There a process refuses to start without
 * `HOOKFLOW_ENCRYPTION_KEY`; elsewhere it starts, and only saving or using a credential fails.
 */
export function isProduction(env: NodeJS.ProcessEnv = process.env): boolean {
  return env.NODE_ENV?.trim() === 'production';
}

/**
 * Reads `HOOKFLOW_ENCRYPTION_KEY`, `HOOKFLOW_ENCRYPTION_KEY_PREVIOUS` (comma-separated, decrypt only) — each
 * also as `<NAME>_FILE` — and `HOOKFLOW_PAYLOAD_ENCRYPTION` (`on`/`off`). Problems name the variable, never
 * its value.
 */
export function loadEncryptionSettings(rawEnv: NodeJS.ProcessEnv = process.env): EncryptionSettings {
  const resolved = resolveSecretFiles(rawEnv);
  const env = resolved.env;
  // Problems of the other secret variables are `loadConfig`'s to report.
  const problems: ErrorDetail[] = resolved.problems.filter((problem) =>
    problem.path?.startsWith('HOOKFLOW_ENCRYPTION_KEY'),
  );
  const unreadable = problems.length > 0;
  const currentText = env.HOOKFLOW_ENCRYPTION_KEY?.trim() || undefined;
  const previousText = env.HOOKFLOW_ENCRYPTION_KEY_PREVIOUS?.trim() || undefined;

  let current: EncryptionKey | undefined;
  if (currentText !== undefined) {
    current = parseEncryptionKey(currentText);
    if (!current) problems.push({ path: 'HOOKFLOW_ENCRYPTION_KEY', message: KEY_FORMAT });
  }
  const previous: EncryptionKey[] = [];
  for (const text of (previousText ?? '').split(/[\s,]+/).filter((part) => part !== '')) {
    const key = parseEncryptionKey(text);
    if (key) previous.push(key);
    else problems.push({ path: 'HOOKFLOW_ENCRYPTION_KEY_PREVIOUS', message: `each key ${KEY_FORMAT}` });
  }

  const payloadSetting = env.HOOKFLOW_PAYLOAD_ENCRYPTION?.trim().toLowerCase() || 'off';
  if (payloadSetting !== 'on' && payloadSetting !== 'off') {
    problems.push({ path: 'HOOKFLOW_PAYLOAD_ENCRYPTION', message: 'must be "on" or "off"' });
  }
  const payloadEncryption = payloadSetting === 'on';

  if (!current && currentText === undefined && !unreadable) {
    if (isProduction(env)) {
      problems.push({
        path: 'HOOKFLOW_ENCRYPTION_KEY',
        message: `is required when NODE_ENV=production (credentials are encrypted with it); generate one with: openssl rand -base64 32`,
      });
    } else if (payloadEncryption) {
      problems.push({ path: 'HOOKFLOW_ENCRYPTION_KEY', message: 'is required when HOOKFLOW_PAYLOAD_ENCRYPTION=on' });
    } else if (previous.length > 0) {
      problems.push({
        path: 'HOOKFLOW_ENCRYPTION_KEY',
        message: 'is required when HOOKFLOW_ENCRYPTION_KEY_PREVIOUS is set',
      });
    }
  }
  if (problems.length > 0) throw new ConfigError(problems);
  return { keyRing: new KeyRing(current, previous), payloadEncryption };
}

const KEY_FORMAT = 'must be 32 bytes written as base64 or 64 hex digits (openssl rand -base64 32)';
