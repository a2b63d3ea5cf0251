import { describe, expect, it } from 'vitest';
import { parseTopicArn } from '../src/message/topic-arn';
import { checkSubscribeUrl } from '../src/subscription/subscribe-url';

const TOPIC = parseTopicArn('arn:aws:sns:us-west-2:123456789012:MyTopic')!;
const TOKEN = '2336412f37fb687f5d51e6e241d164b0533302ec696efc8f113cd2252ce8a925c1e44a3c4ca2984675da85b9bd8c05da';
const GOOD = `https://sns.us-west-2.amazonaws.com/?Action=ConfirmSubscription&TopicArn=${TOPIC.arn}&Token=${TOKEN}`;

describe('SubscribeURL rules', () => {
  it('accepts the documented confirmation URL of the same topic', () => {
    const check = checkSubscribeUrl(GOOD, TOPIC, []);
    expect(check).toEqual({ ok: true, url: new URL(GOOD) });
  });

  it('accepts a China-partition topic on amazonaws.com.cn', () => {
    const topic = parseTopicArn('arn:aws-cn:sns:cn-north-1:123456789012:MyTopic')!;
    const url = `https://sns.cn-north-1.amazonaws.com.cn/?Action=ConfirmSubscription&TopicArn=${topic.arn}&Token=${TOKEN}`;
    expect(checkSubscribeUrl(url, topic, []).ok).toBe(true);
  });

  it.each([
    ['instance metadata', 'http://169.254.169.254/latest/meta-data/iam/security-credentials/'],
    [
      'instance metadata with the right query',
      `http://169.254.169.254/?Action=ConfirmSubscription&TopicArn=${TOPIC.arn}&Token=${TOKEN}`,
    ],
    ['http on the right host', GOOD.replace('https:', 'http:')],
    ['another region', GOOD.replace('us-west-2.amazonaws', 'us-east-1.amazonaws')],
    ['a look-alike host', GOOD.replace('amazonaws.com/', 'amazonaws.com.evil.com/')],
    ['a port', GOOD.replace('amazonaws.com/', 'amazonaws.com:8443/')],
    ['userinfo', GOOD.replace('https://', 'https://me@')],
    ['another topic', GOOD.replace('MyTopic', 'OtherTopic')],
    ['another account', GOOD.replace('123456789012', '999999999999')],
    ['another action', GOOD.replace('ConfirmSubscription', 'Unsubscribe')],
    ['another path', GOOD.replace('.com/?', '.com/admin?')],
    ['a missing token', GOOD.replace(`&Token=${TOKEN}`, '')],
    ['an empty token', GOOD.replace(`&Token=${TOKEN}`, '&Token=')],
    ['a repeated parameter', `${GOOD}&TopicArn=${TOPIC.arn}`],
    ['an extra parameter', `${GOOD}&Endpoint=http://evil`],
    ['a fragment', `${GOOD}#x`],
    ['a non-canonical spelling', GOOD.replace('https://sns.', 'HTTPS://SNS.')],
    ['a relative URL', GOOD.replace('https://sns.us-west-2.amazonaws.com', '')],
  ])('refuses %s', (_case, url) => {
    expect(checkSubscribeUrl(url, TOPIC, []).ok).toBe(false);
  });

  it('allows a trusted origin with the same query rules', () => {
    const trusted = ['http://127.0.0.1:4566'];
    const local = `http://127.0.0.1:4566/?Action=ConfirmSubscription&TopicArn=${TOPIC.arn}&Token=${TOKEN}`;
    expect(checkSubscribeUrl(local, TOPIC, trusted).ok).toBe(true);
    expect(checkSubscribeUrl(local, TOPIC, []).ok).toBe(false);
    expect(checkSubscribeUrl(local.replace('MyTopic', 'Other'), TOPIC, trusted).ok).toBe(false);
    expect(checkSubscribeUrl(local.replace('4566', '4567'), TOPIC, trusted).ok).toBe(false);
  });
});
