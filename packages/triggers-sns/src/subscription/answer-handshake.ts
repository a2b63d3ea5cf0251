import { TriggerError, type HandshakeReply, type TriggerContext } from '@hookflow/sdk';
import type { SnsTriggerConfig } from '../config';
import { parseTopicArn } from '../message/topic-arn';
import type { SnsTriggerRuntime } from '../runtime';
import { confirmSubscription } from './confirm-subscription';
import { isSnsHandshake, type SnsHandshake } from './handshake';
import { checkSubscribeUrl } from './subscribe-url';
import { recordConfirmed, recordUnsubscribed } from './subscription-records';

async function confirm(
  handshake: SnsHandshake & { type: 'SubscriptionConfirmation' },
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
  const record = await recordConfirmed(ctx.state, handshake.topicArn, subscriptionArn, ctx.now());
  ctx.logger.info({ topicArn: record.topicArn, subscriptionArn }, 'SNS subscription confirmed');
  return { status: 200, body: { status: 'confirmed', topicArn: record.topicArn, subscriptionArn } };
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
