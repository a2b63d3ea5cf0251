import type { SnsSignatureVersion } from '../message/sns-message';
import { SnsVerificationError } from './sns-verification-error';

/** node:crypto digest names of the two documented schemes (both RSASSA-PKCS1-v1_5). */
const ALGORITHMS: Readonly<Record<SnsSignatureVersion, string>> = {
  '1': 'RSA-SHA1',
  '2': 'RSA-SHA256',
};

/** The algorithm for `SignatureVersion`; `unsupported_signature_version` for anything but `1` and `2`. */
export function signatureAlgorithm(version: string): string {
  if (version === '1' || version === '2') return ALGORITHMS[version];
  throw new SnsVerificationError(
    'unsupported_signature_version',
    `SignatureVersion ${JSON.stringify(version).slice(0, 40)} is not supported (1 or 2)`,
  );
}
