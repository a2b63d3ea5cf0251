import { TriggerError } from '@hookflow/sdk';
import type { SnsVerificationCode, SnsVerificationError } from '../verification/sns-verification-error';

/**
 * HTTP answer for each verification failure. 4xx: the message itself is wrong and SNS must not retry it;
 * 5xx: the certificate could not be obtained, which a later retry may fix.
 * A refused SigningCertURL answers 403 like a bad signature: both mean "cannot prove it comes from SNS".
 */
const REFUSALS: Readonly<Record<SnsVerificationCode, { status: number; code: string }>> = {
  invalid_message: { status: 400, code: 'invalid_payload' },
  unsupported_signature_version: { status: 400, code: 'unsupported_signature_version' },
  message_too_old: { status: 400, code: 'message_too_old' },
  invalid_certificate_url: { status: 403, code: 'invalid_certificate_url' },
  signature_invalid: { status: 403, code: 'signature_invalid' },
  certificate_unavailable: { status: 503, code: 'unavailable' },
  certificate_invalid: { status: 503, code: 'unavailable' },
};

export function refusalFor(error: SnsVerificationError): TriggerError {
  const { status, code } = REFUSALS[error.code];
  return new TriggerError(status, code, error.message, { cause: error });
}
