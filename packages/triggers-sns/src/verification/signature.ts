import { createVerify, type X509Certificate } from 'node:crypto';
import type { SnsMessage } from '../message/sns-message';
import { canonicalString } from './canonical-string';
import { SnsVerificationError } from './sns-verification-error';

// Strict base64: Buffer.from(..., 'base64') silently skips junk, which would make odd inputs "decode".
const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

/** Verifies `Signature` over the canonical string with the certificate's public key. */
export function checkSignature(message: SnsMessage, algorithm: string, certificate: X509Certificate): void {
  const signature = message.Signature;
  const valid =
    signature.length > 0 &&
    BASE64.test(signature) &&
    createVerify(algorithm)
      .update(canonicalString(message), 'utf8')
      .verify(certificate.publicKey, Buffer.from(signature, 'base64'));
  if (!valid) {
    throw new SnsVerificationError('signature_invalid', 'the message signature does not match its content');
  }
}
