import { TriggerError, type ParseResult, type TriggerContext, type TriggerRequest } from '@hookflow/sdk';
import type { SnsTriggerConfig } from '../config';
import { notificationPayload } from '../message/notification-payload';
import { readSnsMessage } from '../message/read-sns-message';
import { isSnsMessageType, type SnsConfirmationMessage, type SnsMessage } from '../message/sns-message';
import { parseTopicArn, type TopicArn } from '../message/topic-arn';
import type { SnsHandshake } from '../subscription/handshake';
import { checkSubscribeUrl } from '../subscription/subscribe-url';
import { subscriptionArnFromUnsubscribeMessage } from '../subscription/subscription-arn';
import { isSnsVerificationError } from '../verification/sns-verification-error';
import { verifySnsMessage } from '../verification/verify-sns-message';
import type { SnsTriggerRuntime } from '../runtime';
import { singleHeader, SNS_HEADERS } from './headers';
import { isRawDelivery, parseRawDelivery } from './raw-delivery';
import { refusalFor } from './refusal';
import { checkTopicAllowed } from './topic-allow-list';

function parseJson(body: Buffer): unknown {
  try {
    return JSON.parse(body.toString('utf8'));
  } catch {
    throw new TriggerError(400, 'invalid_payload', 'the body is not JSON; SNS sends a JSON document');
  }
}

/** SNS states the type twice (header and body); a disagreement means the request was not made by SNS. */
function checkDeclaredType(request: TriggerRequest, document: unknown): void {
  const declared = singleHeader(request, SNS_HEADERS.messageType);
  const inBody = typeof document === 'object' && document !== null ? (document as { Type?: unknown }).Type : undefined;
  if (declared === undefined || declared !== inBody) {
    throw new TriggerError(
      400,
      'message_type_mismatch',
      `header ${SNS_HEADERS.messageType} must be present and equal the body's Type`,
    );
  }
  if (!isSnsMessageType(inBody)) {
    throw new TriggerError(
      400,
      'unsupported_message_type',
      `SNS message type ${declared.slice(0, 64)} is not supported`,
    );
  }
}

function readMessage(document: unknown): SnsMessage {
  try {
    return readSnsMessage(document);
  } catch (error) {
    throw isSnsVerificationError(error) ? refusalFor(error) : error;
  }
}

async function verify(
  message: SnsMessage,
  ctx: TriggerContext<SnsTriggerConfig>,
  runtime: SnsTriggerRuntime,
  trustedOrigins: readonly string[],
): Promise<void> {
  try {
    await verifySnsMessage(message, {
      fetchCertificate: (url) => runtime.certificates.get(url, ctx.http),
      now: () => ctx.now(),
      maxAgeSeconds: ctx.settings.snsMaxAgeSeconds,
      trustedOrigins,
    });
  } catch (error) {
    throw isSnsVerificationError(error) ? refusalFor(error) : error;
  }
}

function readTopic(message: SnsMessage): TopicArn {
  const topic = parseTopicArn(message.TopicArn);
  if (topic === undefined) throw new TriggerError(400, 'invalid_payload', 'TopicArn is not an SNS topic ARN');
  return topic;
}

/** Refused here already (403), so a message whose SubscribeURL points elsewhere never becomes a handshake. */
function subscriptionHandshake(
  message: SnsConfirmationMessage,
  topic: TopicArn,
  trustedOrigins: readonly string[],
): SnsHandshake {
  const check = checkSubscribeUrl(message.SubscribeURL, topic, trustedOrigins);
  if (!check.ok) throw new TriggerError(403, 'invalid_subscribe_url', `SubscribeURL refused: ${check.reason}`);
  return {
    type: 'SubscriptionConfirmation',
    topicArn: topic.arn,
    messageId: message.MessageId,
    timestamp: message.Timestamp,
    subscribeUrl: check.url.href,
  };
}

/**
 * The `parse` step of the amazon-sns trigger. Order matters: everything that can be refused without the
 * network is refused first (body, type, topic allow-list, then inside verification the signature version,
 * certificate URL and age); only then is the certificate fetched and the signature checked.
 */
export async function parseSnsRequest(
  request: TriggerRequest,
  ctx: TriggerContext<SnsTriggerConfig>,
  runtime: SnsTriggerRuntime,
): Promise<ParseResult> {
  if (isRawDelivery(request)) return parseRawDelivery(request, ctx.config, ctx.state);

  const document = parseJson(request.rawBody);
  checkDeclaredType(request, document);
  const message = readMessage(document);
  const topic = readTopic(message);
  await checkTopicAllowed(
    topic.arn,
    ctx.config,
    ctx.state,
    message.Type === 'SubscriptionConfirmation' ? 'confirm' : 'deliver',
  );

  const trustedOrigins = runtime.trustedOrigins.resolve(ctx);
  await verify(message, ctx, runtime, trustedOrigins);

  switch (message.Type) {
    case 'Notification':
      return { kind: 'event', deliveryKey: message.MessageId, payload: notificationPayload(message) };
    case 'SubscriptionConfirmation':
      return { kind: 'handshake', handshake: subscriptionHandshake(message, topic, trustedOrigins) };
    case 'UnsubscribeConfirmation': {
      const handshake: SnsHandshake = {
        type: message.Type,
        topicArn: message.TopicArn,
        messageId: message.MessageId,
        subscriptionArn: subscriptionArnFromUnsubscribeMessage(message.Message, message.TopicArn),
      };
      return { kind: 'handshake', handshake };
    }
  }
}
