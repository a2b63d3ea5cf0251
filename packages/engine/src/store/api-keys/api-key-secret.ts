import { createHash, randomBytes } from 'node:crypto';

/** Length of the displayed prefix: `hf_` and 7 characters, enough to tell keys apart, useless to an attacker. */
const PREFIX_LENGTH = 10;

export interface GeneratedApiKey {
  key: string;
  prefix: string;
  hash: string;
}

/** A new key: `hf_` and 32 random bytes in base64url (256 bits of entropy). */
export function generateApiKey(): GeneratedApiKey {
  const key = `hf_${randomBytes(32).toString('base64url')}`;
  return { key, prefix: key.slice(0, PREFIX_LENGTH), hash: hashApiKey(key) };
}

/**
 * What is stored and looked up instead of the key: SHA-256, hex. A fast unsalted hash is right here because the
 * key is 256 random bits, so guessing is hopeless whatever the hash speed; slow salted hashes (bcrypt, scrypt)
 * exist for low-entropy passwords and would only make every webhook request slower.
 */
export function hashApiKey(key: string): string {
  return createHash('sha256').update(key, 'utf8').digest('hex');
}
