import type { TopicArn } from '../message/topic-arn';
import { parseCanonicalUrl, snsOriginKind } from '../origins/sns-origin';

export type SubscribeUrlCheck = { ok: true; url: URL } | { ok: false; reason: string };

/**
 * The only URL the plugin will GET on a sender's behalf: the topic's own regional SNS endpoint (or a
 * trusted origin), path `/`, and exactly the query `Action=ConfirmSubscription&TopicArn=<this topic>&Token=…`.
 * Anything else (another host, another topic, another action, extra parameters) is refused, so a message
 * cannot turn the confirmation into a request to an arbitrary URL (SSRF).
 */
export function checkSubscribeUrl(raw: string, topic: TopicArn, trustedOrigins: readonly string[]): SubscribeUrlCheck {
  const url = parseCanonicalUrl(raw);
  if (url === undefined) return { ok: false, reason: 'not an absolute URL in canonical form' };
  if (snsOriginKind(url, topic, trustedOrigins) === undefined) {
    return {
      ok: false,
      reason: `origin ${url.origin} is not the SNS endpoint of ${topic.region} over https nor a trusted origin`,
    };
  }
  if (url.pathname !== '/' || url.href.includes('#'))
    return { ok: false, reason: 'path must be / and no fragment is allowed' };

  const names = [...url.searchParams.keys()].sort();
  if (names.join('&') !== 'Action&Token&TopicArn') {
    return { ok: false, reason: 'query must hold exactly Action, TopicArn and Token, once each' };
  }
  if (url.searchParams.get('Action') !== 'ConfirmSubscription')
    return { ok: false, reason: 'Action must be ConfirmSubscription' };
  if (url.searchParams.get('TopicArn') !== topic.arn)
    return { ok: false, reason: 'TopicArn differs from the message topic' };
  if (!/^[A-Za-z0-9]{1,2048}$/.test(url.searchParams.get('Token') ?? ''))
    return { ok: false, reason: 'Token is malformed' };
  return { ok: true, url };
}
