import { HookflowError } from '@hookflow/sdk';

/** Codes of the encryption layer, with the HTTP status an API answer takes when one reaches it. */
export const ENCRYPTION_ERROR_STATUS = {
  /** No `HOOKFLOW_ENCRYPTION_KEY`: nothing can be encrypted (or decrypted) on this process. */
  encryption_key_missing: 503,
  /** A value was encrypted under a key that is neither the current nor a previous one. */
  encryption_key_unknown: 500,
  /** The ciphertext or its authentication tag does not verify: tampered, truncated, or another context. */
  decryption_failed: 500,
} as const satisfies Record<string, number>;

export type EncryptionErrorCode = keyof typeof ENCRYPTION_ERROR_STATUS;

/** Encryption or decryption refused; the message names key ids at most, never a key or a value. */
export class EncryptionError extends HookflowError {
  declare readonly code: EncryptionErrorCode;

  constructor(code: EncryptionErrorCode, message: string) {
    super(code, message, { status: ENCRYPTION_ERROR_STATUS[code] });
    this.name = 'EncryptionError';
  }
}
