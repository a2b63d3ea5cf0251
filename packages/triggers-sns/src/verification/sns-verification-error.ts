import { HookflowError } from '@hookflow/sdk';

/**
 * Why a message failed verification. Stable: callers branch on these, never on message text.
 *
 * | code | meaning |
 * |---|---|
 * | `invalid_message` | not an SNS message: a required field is missing or not a string, bad TopicArn or Timestamp |
 * | `unsupported_signature_version` | `SignatureVersion` is neither `1` nor `2` |
 * | `invalid_certificate_url` | `SigningCertURL` is not an SNS certificate URL for the topic's region (nor a trusted origin) |
 * | `message_too_old` | `Timestamp` is older than the allowed age (replay protection) |
 * | `certificate_unavailable` | the certificate could not be fetched (network error, timeout, non-200, redirect) |
 * | `certificate_invalid` | the fetched bytes are not an X.509 certificate with an RSA public key |
 * | `signature_invalid` | the signature does not match the canonical string under that certificate |
 */
export const SNS_VERIFICATION_CODES = [
  'invalid_message',
  'unsupported_signature_version',
  'invalid_certificate_url',
  'message_too_old',
  'certificate_unavailable',
  'certificate_invalid',
  'signature_invalid',
] as const;

export type SnsVerificationCode = (typeof SNS_VERIFICATION_CODES)[number];

export class SnsVerificationError extends HookflowError {
  declare readonly code: SnsVerificationCode;

  constructor(code: SnsVerificationCode, message: string, options: { cause?: unknown } = {}) {
    super(code, message, options);
    this.name = 'SnsVerificationError';
  }
}

export function isSnsVerificationError(error: unknown): error is SnsVerificationError {
  return error instanceof SnsVerificationError;
}
