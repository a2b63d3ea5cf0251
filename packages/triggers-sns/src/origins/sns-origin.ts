import { snsEndpointHost, type TopicArn } from '../message/topic-arn';

/** Where a URL found in a message points, as far as trust goes. */
export type SnsOriginKind = 'aws' | 'trusted';

/**
 * Parses a URL taken from a message and returns it only when it is written exactly as the WHATWG parser
 * serializes it. Refusing every non-canonical spelling (`:443`, a trailing `#`, upper-case host,
 * backslashes, percent-encoded host bytes, ...) removes any room for a checker and a fetcher to disagree
 * about where the URL points.
 */
export function parseCanonicalUrl(raw: string): URL | undefined {
  if (!URL.canParse(raw)) return undefined;
  const url = new URL(raw);
  return url.href === raw ? url : undefined;
}

/**
 * `aws` when `url` is on the topic's own regional SNS endpoint (https, exact host, default port),
 * `trusted` when its origin is one the operator trusts, else `undefined`. Userinfo is never allowed.
 */
export function snsOriginKind(url: URL, topic: TopicArn, trustedOrigins: readonly string[]): SnsOriginKind | undefined {
  if (url.username !== '' || url.password !== '') return undefined;
  if (url.protocol === 'https:' && url.port === '' && url.hostname === snsEndpointHost(topic)) return 'aws';
  if (trustedOrigins.includes(url.origin)) return 'trusted';
  return undefined;
}
