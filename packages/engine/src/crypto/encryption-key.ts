import { createHash } from 'node:crypto';

/** An AES-256 key and the id stored beside every value it encrypts. */
export interface EncryptionKey {
  /** 16 hex characters derived from the key: tells keys apart, reveals nothing about them. */
  id: string;
  key: Buffer;
}

const HEX_KEY = /^[0-9a-fA-F]{64}$/;
const BASE64_KEY = /^[A-Za-z0-9+/_-]{43}=?$/;

/**
 * A key as configured: 32 bytes written as base64 (`openssl rand -base64 32`), base64url, or 64 hex digits.
 * Returns undefined for anything else, so the caller can name the variable without echoing the value.
 */
export function parseEncryptionKey(text: string): EncryptionKey | undefined {
  const trimmed = text.trim();
  let key: Buffer | undefined;
  if (HEX_KEY.test(trimmed)) key = Buffer.from(trimmed, 'hex');
  else if (BASE64_KEY.test(trimmed)) key = Buffer.from(trimmed.replace(/-/g, '+').replace(/_/g, '/'), 'base64');
  if (key?.length !== 32) return undefined;
  return { id: keyIdOf(key), key };
}

/** The id of a key: a hash prefix under its own label, so it cannot be used to test a guess at other data. */
export function keyIdOf(key: Buffer): string {
  return createHash('sha256').update('hookflow-encryption-key-id\0').update(key).digest('hex').slice(0, 16);
}
