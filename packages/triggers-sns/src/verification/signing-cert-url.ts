import type { TopicArn } from '../message/topic-arn';
import { parseCanonicalUrl, snsOriginKind } from '../origins/sns-origin';
import { SnsVerificationError } from './sns-verification-error';

// Amazon names its signing certificates `SimpleNotificationService-<hash>.pem` at the root of the endpoint.
const AWS_CERTIFICATE_PATH = /^\/SimpleNotificationService-[0-9a-f]+\.pem$/;

function refuse(reason: string): SnsVerificationError {
  return new SnsVerificationError('invalid_certificate_url', `SigningCertURL refused: ${reason}`);
}

/**
 * Checks `SigningCertURL` before anything is fetched and returns the URL to fetch:
 * `https://sns.<region of TopicArn>.amazonaws.com[.cn]/SimpleNotificationService-<hex>.pem`, no port,
 * userinfo, query or fragment; or any path without query on a trusted origin (emulators serve their
 * certificate elsewhere, e.g. LocalStack's `/_aws/sns/...`).
 */
export function checkSigningCertUrl(raw: string, topic: TopicArn, trustedOrigins: readonly string[]): URL {
  const url = parseCanonicalUrl(raw);
  if (url === undefined) throw refuse('not an absolute URL in canonical form');
  const kind = snsOriginKind(url, topic, trustedOrigins);
  if (kind === undefined) {
    throw refuse(`origin ${url.origin} is not the SNS endpoint of ${topic.region} over https nor a trusted origin`);
  }
  // Checked on the text: an empty `?` or `#` leaves `search`/`hash` empty but is still there.
  if (/[?#]/.test(url.href)) throw refuse('query and fragment are not allowed');
  if (kind === 'aws' && !AWS_CERTIFICATE_PATH.test(url.pathname)) {
    throw refuse('path must be /SimpleNotificationService-<hex>.pem');
  }
  return url;
}
