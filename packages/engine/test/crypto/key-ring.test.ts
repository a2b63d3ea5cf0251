import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { parseEncryptionKey, type EncryptionKey } from '../../src/crypto/encryption-key';
import { KeyRing } from '../../src/crypto/key-ring';
import { openText, sealedKeyId, sealText } from '../../src/crypto/sealed-text';

function newKey(): EncryptionKey {
  return parseEncryptionKey(randomBytes(32).toString('base64'))!;
}

describe('encryption keys', () => {
  it('accepts 32 bytes as base64, base64url or hex, and derives the same id from each', () => {
    const bytes = randomBytes(32);
    const fromBase64 = parseEncryptionKey(bytes.toString('base64'));
    const fromBase64Url = parseEncryptionKey(bytes.toString('base64url'));
    const fromHex = parseEncryptionKey(` ${bytes.toString('hex')}\n`);
    expect(fromBase64?.key.equals(bytes)).toBe(true);
    expect(fromBase64Url?.id).toBe(fromBase64?.id);
    expect(fromHex?.id).toBe(fromBase64?.id);
    expect(fromBase64?.id).toMatch(/^[0-9a-f]{16}$/);
    expect(fromBase64?.id).not.toBe(bytes.toString('hex').slice(0, 16));
  });

  it('refuses keys of another length or alphabet', () => {
    expect(parseEncryptionKey(randomBytes(16).toString('base64'))).toBeUndefined();
    expect(parseEncryptionKey(randomBytes(33).toString('base64'))).toBeUndefined();
    expect(parseEncryptionKey('correct horse battery staple, but longer than 32 b')).toBeUndefined();
    expect(parseEncryptionKey('')).toBeUndefined();
  });
});

describe('KeyRing (AES-256-GCM)', () => {
  it('round-trips a value, with a fresh IV each time and the key id beside it', () => {
    const key = newKey();
    const ring = new KeyRing(key);
    const first = sealText(ring, 'sk_live_value', 'ctx');
    const second = sealText(ring, 'sk_live_value', 'ctx');
    expect(first).not.toBe(second);
    expect(first).not.toContain('sk_live_value');
    expect(sealedKeyId(first)).toBe(key.id);
    expect(openText(ring, first, 'ctx')).toBe('sk_live_value');
  });

  it('refuses to open a value in another context (a ciphertext moved onto another credential)', () => {
    const ring = new KeyRing(newKey());
    const sealed = sealText(ring, 'secret', 'hookflow:credential:cr_a');
    expect(() => openText(ring, sealed, 'hookflow:credential:cr_b')).toThrow(
      expect.objectContaining({ code: 'decryption_failed' }),
    );
  });

  it('refuses a tampered ciphertext', () => {
    const ring = new KeyRing(newKey());
    const sealed = sealText(ring, 'secret', 'ctx');
    const [version, keyId, blob] = sealed.split('.');
    const bytes = Buffer.from(blob!, 'base64url');
    bytes[14] = bytes[14]! ^ 1;
    expect(() => openText(ring, `${version}.${keyId}.${bytes.toString('base64url')}`, 'ctx')).toThrow(
      expect.objectContaining({ code: 'decryption_failed' }),
    );
  });

  it('opens values of a previous key, seals under the current one, and names an unknown key by id only', () => {
    const oldKey = newKey();
    const newer = newKey();
    const sealedOld = sealText(new KeyRing(oldKey), 'rotated', 'ctx');

    const rotating = new KeyRing(newer, [oldKey]);
    expect(openText(rotating, sealedOld, 'ctx')).toBe('rotated');
    expect(sealedKeyId(sealText(rotating, 'rotated', 'ctx'))).toBe(newer.id);

    const withoutOld = new KeyRing(newer);
    let error: unknown;
    try {
      openText(withoutOld, sealedOld, 'ctx');
    } catch (caught) {
      error = caught;
    }
    expect(error).toMatchObject({ code: 'encryption_key_unknown' });
    expect((error as Error).message).toContain(oldKey.id);
    expect((error as Error).message).not.toContain(oldKey.key.toString('base64'));
  });

  it('cannot seal without a current key', () => {
    expect(() => sealText(new KeyRing(undefined), 'x', 'ctx')).toThrow(
      expect.objectContaining({ code: 'encryption_key_missing' }),
    );
  });
});
