import { readSnsMessage } from '../message/read-sns-message';
import type { SnsMessage } from '../message/sns-message';
import { parseTopicArn } from '../message/topic-arn';
import { parseTrustedOrigins } from '../origins/trusted-origins';
import { toSigningCertificate, type CertificateSource } from './certificate';
import { checkFreshness } from './freshness';
import { checkSignature } from './signature';
import { signatureAlgorithm } from './signature-version';
import { checkSigningCertUrl } from './signing-cert-url';
import { isSnsVerificationError, SnsVerificationError } from './sns-verification-error';

/** Default oldest accepted message, in seconds (docs/webhooks.md `HOOKFLOW_SNS_MAX_AGE_SECONDS`). */
export const DEFAULT_SNS_MAX_AGE_SECONDS = 3600;

export interface VerifySnsMessageOptions {
  /**
   * Returns the certificate at `url` (PEM, or already parsed). Called only after the URL passed every rule
   * and the message every other check, so a refused message never causes a fetch. A rejection becomes
   * `certificate_unavailable` (an `SnsVerificationError` it throws is kept as is).
   */
  fetchCertificate(url: string): Promise<CertificateSource>;
  /** The current time for the freshness check (a Date or a clock); default: the wall clock. */
  now?: Date | (() => Date);
  /** Oldest accepted message in seconds; default 3600. `Infinity` turns the check off. */
  maxAgeSeconds?: number;
  /** Origins (`scheme://host:port`) trusted besides Amazon's, for emulators. Default: none. */
  trustedOrigins?: readonly string[];
}

function readJson(message: unknown): unknown {
  if (typeof message !== 'string') return message;
  try {
    return JSON.parse(message);
  } catch (cause) {
    throw new SnsVerificationError('invalid_message', 'not a valid SNS message: not JSON', { cause });
  }
}

function currentTime(now: VerifySnsMessageOptions['now']): Date {
  if (now === undefined) return new Date();
  return typeof now === 'function' ? now() : now;
}

async function fetchSigningCertificate(options: VerifySnsMessageOptions, url: string): Promise<CertificateSource> {
  try {
    return await options.fetchCertificate(url);
  } catch (cause) {
    if (isSnsVerificationError(cause)) throw cause;
    throw new SnsVerificationError(
      'certificate_unavailable',
      `the signing certificate could not be fetched from ${url}`,
      {
        cause,
      },
    );
  }
}

/**
 * Verifies an Amazon SNS message (docs/webhooks.md): its shape, `SignatureVersion` (1 = SHA1withRSA, 2 =
 * SHA256withRSA), `SigningCertURL` (Amazon's regional endpoint of the topic, or a trusted origin), its age,
 * and finally its signature under the certificate. Resolves with the typed message; rejects with an
 * `SnsVerificationError` whose `code` says why.
 *
 * `message` is the parsed JSON document, or its text.
 */
export async function verifySnsMessage(message: unknown, options: VerifySnsMessageOptions): Promise<SnsMessage> {
  const sns = readSnsMessage(readJson(message));
  const algorithm = signatureAlgorithm(sns.SignatureVersion);
  const topic = parseTopicArn(sns.TopicArn);
  if (topic === undefined) {
    throw new SnsVerificationError('invalid_message', 'not a valid SNS message: TopicArn is not an SNS topic ARN');
  }
  const trusted = parseTrustedOrigins(options.trustedOrigins ?? []).origins;
  const certificateUrl = checkSigningCertUrl(sns.SigningCertURL, topic, trusted);
  checkFreshness(sns.Timestamp, currentTime(options.now), options.maxAgeSeconds ?? DEFAULT_SNS_MAX_AGE_SECONDS);

  const certificate = toSigningCertificate(await fetchSigningCertificate(options, certificateUrl.href));
  checkSignature(sns, algorithm, certificate);
  return sns;
}
