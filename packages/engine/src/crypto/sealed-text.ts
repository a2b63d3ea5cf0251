import { EncryptionError } from './encryption-errors';
import type { KeyRing } from './key-ring';

/** `v1.<keyId>.<base64url(iv ‖ ciphertext ‖ tag)>`: how a sealed value is stored as one string. */
const SEALED_TEXT = /^v1\.([0-9a-f]{16})\.([A-Za-z0-9_-]+)$/;

/** Encrypts `text` under the current key, as one storable string carrying its key id. */
export function sealText(ring: KeyRing, text: string, context: string): string {
  const { keyId, blob } = ring.seal(Buffer.from(text, 'utf8'), context);
  return `v1.${keyId}.${blob.toString('base64url')}`;
}

/** Decrypts what `sealText` produced with the same `context`. */
export function openText(ring: KeyRing, sealed: string, context: string): string {
  const match = SEALED_TEXT.exec(sealed);
  if (!match) throw new EncryptionError('decryption_failed', 'a stored value is not in the sealed format');
  return ring.open({ keyId: match[1]!, blob: Buffer.from(match[2]!, 'base64url') }, context).toString('utf8');
}

/** The id of the key a sealed string was encrypted under (for re-encryption), or undefined if malformed. */
export function sealedKeyId(sealed: string): string | undefined {
  return SEALED_TEXT.exec(sealed)?.[1];
}
