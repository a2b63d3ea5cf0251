import { X509Certificate } from 'node:crypto';
import { SnsVerificationError } from './sns-verification-error';

/** What a certificate fetcher may hand back: PEM (text or bytes) or a certificate it already parsed. */
export type CertificateSource = string | Buffer | X509Certificate;

/**
 * Parses a signing certificate and checks it can verify SNS signatures (an RSA public key).
 * Validity dates are deliberately not checked: AWS's own validators do not, and the URL rules are what
 * tie the certificate to Amazon.
 */
export function toSigningCertificate(source: CertificateSource): X509Certificate {
  let certificate: X509Certificate;
  try {
    certificate = source instanceof X509Certificate ? source : new X509Certificate(source);
  } catch (cause) {
    throw new SnsVerificationError('certificate_invalid', 'the signing certificate is not a valid X.509 certificate', {
      cause,
    });
  }
  if (certificate.publicKey.asymmetricKeyType !== 'rsa') {
    throw new SnsVerificationError('certificate_invalid', 'the signing certificate does not hold an RSA public key');
  }
  return certificate;
}
