import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import type { EncryptionKey } from './encryption-key';
import { EncryptionError } from './encryption-errors';

const IV_BYTES = 12;
const TAG_BYTES = 16;

/** An encrypted value: the id of the key that sealed it, and `iv ‖ ciphertext ‖ tag`. */
export interface SealedBytes {
  keyId: string;
  blob: Buffer;
}

/**
 * The current key (encrypts and decrypts) and the previous ones (decrypt only, for rotation). AES-256-GCM
 * with a random 96-bit IV per value. `context` is authenticated but not stored: a value sealed for one
 * purpose (a credential id, Temporal payloads) does not open in another.
 */
export class KeyRing {
  private readonly keys = new Map<string, Buffer>();

  constructor(
    private readonly current: EncryptionKey | undefined,
    previous: readonly EncryptionKey[] = [],
  ) {
    for (const key of previous) this.keys.set(key.id, key.key);
    if (current) this.keys.set(current.id, current.key);
  }

  /** The id new values are sealed under; undefined when no key is configured. */
  get currentKeyId(): string | undefined {
    return this.current?.id;
  }

  /** Whether values sealed under `keyId` can be opened here. */
  canOpen(keyId: string): boolean {
    return this.keys.has(keyId);
  }

  seal(plaintext: Buffer, context: string): SealedBytes {
    if (!this.current) {
      throw new EncryptionError(
        'encryption_key_missing',
        'HOOKFLOW_ENCRYPTION_KEY is not set: secrets cannot be encrypted on this process',
      );
    }
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv('aes-256-gcm', this.current.key, iv);
    cipher.setAAD(Buffer.from(context, 'utf8'));
    const ciphertext = Buffer.concat([cipher.update(plaintext), cipher.final()]);
    return { keyId: this.current.id, blob: Buffer.concat([iv, ciphertext, cipher.getAuthTag()]) };
  }

  open(sealed: SealedBytes, context: string): Buffer {
    const key = this.keys.get(sealed.keyId);
    if (!key) {
      throw new EncryptionError(
        this.current ? 'encryption_key_unknown' : 'encryption_key_missing',
        `a value is encrypted under key ${sealed.keyId}, which is neither HOOKFLOW_ENCRYPTION_KEY nor in ` +
          'HOOKFLOW_ENCRYPTION_KEY_PREVIOUS',
      );
    }
    if (sealed.blob.length < IV_BYTES + TAG_BYTES) throw corrupt(sealed.keyId);
    const iv = sealed.blob.subarray(0, IV_BYTES);
    const tag = sealed.blob.subarray(sealed.blob.length - TAG_BYTES);
    const decipher = createDecipheriv('aes-256-gcm', key, iv);
    decipher.setAAD(Buffer.from(context, 'utf8'));
    decipher.setAuthTag(tag);
    try {
      return Buffer.concat([
        decipher.update(sealed.blob.subarray(IV_BYTES, sealed.blob.length - TAG_BYTES)),
        decipher.final(),
      ]);
    } catch {
      throw corrupt(sealed.keyId);
    }
  }
}

function corrupt(keyId: string): EncryptionError {
  return new EncryptionError('decryption_failed', `a value encrypted under key ${keyId} does not verify`);
}
