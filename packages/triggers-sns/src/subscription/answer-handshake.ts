import { TriggerError, type HandshakeReply, type TriggerContext } from '@hookflow/sdk';
import type { SnsTriggerConfig } from '../config';
import { parseTopicArn } from '../message/topic-arn';
import type { SnsTriggerRuntime } from '../runtime';
import { confirmSubscription } from './confirm-subscription';
import { isSnsHandshake, type SnsHandshake } from './handshake';
import { checkSubscribeUrl } from './subscribe-url';
import {
  currentSubscription,
  recordConfirmed,
  recordUnsubscribed,
  type SubscriptionRecord,
} from './subscription-records';
import { pinTopic } from './topic-pin';

type Confirmation = SnsHandshake & { type: 'SubscriptionConfirmation' };

function confirmedReply(record: SubscriptionRecord): HandshakeReply {
  return {
    status: 200,
    body: { status: 'confirmed', topicArn: record.topicArn, subscriptionArn: record.subscriptionArn },
  };
}

/**
 * What must hold before the SubscribeURL is visited: the topic is allowed (listed, or pinned now on first
 * use) and was not unsubscribed after this confirmation was issued (a replay of an old confirmation must
 * not subscribe the workflow again). Answers the reply when the same confirmation was already accepted.
 */
async function admit(
  handshake: Confirmation,
  ctx: TriggerContext<SnsTriggerConfig>,
): Promise<HandshakeReply | undefined> {
  const previous = await currentSubscription(ctx.state, handshake.topicArn);
  if (previous?.status === 'confirmed' && previous.confirmationMessageId === handshake.messageId) {
    return confirmedReply(previous);
  }
  const issuedAt = Date.parse(handshake.timestamp);
  const unsubscribedAt = previous?.unsubscribedAt ? Date.parse(previous.unsubscribedAt) : undefined;
  if (previous?.status === 'unsubscribed' && unsubscribedAt !== undefined && !(issuedAt > unsubscribedAt)) {
    throw new TriggerError(
      403,
      'topic_unsubscribed',
      `the subscription to ${handshake.topicArn} was removed after this confirmation was issued; subscribe again`,
    );
  }
  if (ctx.config.topicArns === undefined) {
    const pinned = await pinTopic(ctx.state, handshake.topicArn, ctx.now());
    if (pinned !== handshake.topicArn) {
      throw new TriggerError(403, 'topic_not_allowed', `this workflow is pinned to topic ${pinned ?? '(none)'}`);
    }
  }
  return undefined;
}

async function confirm(
  handshake: Confirmation,
  ctx: TriggerContext<SnsTriggerConfig>,
  runtime: SnsTriggerRuntime,
): Promise<HandshakeReply> {
  // Checked again right before the request: `confirm` may be called with a handshake `parse` did not make
  // (the test kit, a future server path), and this is the one place that fetches on a sender's behalf.
  const topic = parseTopicArn(handshake.topicArn);
  const check =
    topic === undefined
      ? { ok: false as const, reason: 'TopicArn is not an SNS topic ARN' }
      : checkSubscribeUrl(handshake.subscribeUrl, topic, runtime.trustedOrigins.resolve(ctx));
  if (!check.ok) throw new TriggerError(403, 'invalid_subscribe_url', `SubscribeURL refused: ${check.reason}`);
  const repeated = await admit(handshake, ctx);
  if (repeated) return repeated;

  let subscriptionArn: string | null;
  try {
    ({ subscriptionArn } = await confirmSubscription(check.url, handshake.topicArn, ctx.http));
  } catch (cause) {
    ctx.logger.warn({ topicArn: handshake.topicArn, err: cause }, 'SNS subscription confirmation failed');
    throw new TriggerError(
      502,
      'subscription_confirmation_failed',
      `could not confirm the subscription to ${handshake.topicArn}; SNS will send the confirmation again`,
      { cause },
    );
  }
  const record = await recordConfirmed(ctx.state, handshake.topicArn, subscriptionArn, handshake.messageId, ctx.now());
  ctx.logger.info({ topicArn: record.topicArn, subscriptionArn }, 'SNS subscription confirmed');
  return confirmedReply(record);
}

/**
 * The `confirm` step: a SubscriptionConfirmation is confirmed by GETting its SubscribeURL and recorded;
 * an UnsubscribeConfirmation is only recorded (its SubscribeURL would re-subscribe, so it is never visited).
 */
export async function answerHandshake(
  handshake: unknown,
  ctx: TriggerContext<SnsTriggerConfig>,
  runtime: SnsTriggerRuntime,
): Promise<HandshakeReply> {
  if (!isSnsHandshake(handshake)) {
    throw new TriggerError(500, 'internal_error', 'amazon-sns confirm received a handshake it did not produce');
  }
  if (handshake.type === 'SubscriptionConfirmation') return confirm(handshake, ctx, runtime);

  const record = await recordUnsubscribed(ctx.state, handshake.topicArn, handshake.subscriptionArn, ctx.now());
  ctx.logger.info({ topicArn: record.topicArn, subscriptionArn: record.subscriptionArn }, 'SNS subscription removed');
  return {
    status: 200,
    body: { status: 'unsubscribed', topicArn: record.topicArn, subscriptionArn: record.subscriptionArn },
  };
}
