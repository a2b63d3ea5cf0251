import { createSign, randomBytes, randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';

/**
 * TEST-ONLY key material (see `test/fixtures/README.md`): a throwaway CA, a signing certificate and its
 * private key, published on purpose so tests can sign their own SNS messages. Nothing may trust them.
 * Resolved from the package root, so the same path works from `src/testing/` and `dist/testing/`.
 */
const FIXTURES = resolve(__dirname, '../../test/fixtures');
export const TEST_SIGNING_CERT_PEM = readFileSync(resolve(FIXTURES, 'test-only-sns-signing-cert.pem'), 'utf8');
const TEST_SIGNING_KEY_PEM = readFileSync(resolve(FIXTURES, 'test-only-sns-signing-key.pem'), 'utf8');
export const TEST_EC_CERT_PEM = readFileSync(resolve(FIXTURES, 'test-only-ec-cert.pem'), 'utf8');

/** Path the local origin serves the test signing certificate at. */
export const TEST_CERT_PATH = '/SimpleNotificationService-0123456789abcdef0123456789abcdef.pem';

export type SignedMessage = Record<string, unknown> & {
  Type: string;
  MessageId: string;
  TopicArn: string;
  Message: string;
  Timestamp: string;
  SignatureVersion: string;
  Signature: string;
  SigningCertURL: string;
};

// Written out independently of the package's canonicalString, from the SNS developer guide, so a
// mistake there cannot be mirrored here.
const SIGNED_FIELDS: Record<string, string[]> = {
  Notification: ['Message', 'MessageId', 'Subject', 'Timestamp', 'TopicArn', 'Type'],
  SubscriptionConfirmation: ['Message', 'MessageId', 'SubscribeURL', 'Timestamp', 'Token', 'TopicArn', 'Type'],
  UnsubscribeConfirmation: ['Message', 'MessageId', 'SubscribeURL', 'Timestamp', 'Token', 'TopicArn', 'Type'],
};

/** (Re-)signs `message` with the test-only key, as SNS would. */
export function sign<T extends SignedMessage>(
  message: T,
  version: '1' | '2' = (message.SignatureVersion as '1' | '2') ?? '1',
): T {
  const fields = SIGNED_FIELDS[message.Type] ?? [];
  let text = '';
  for (const field of fields) {
    const value = message[field];
    if (typeof value === 'string') text += `${field}\n${value}\n`;
  }
  const signature = createSign(version === '1' ? 'RSA-SHA1' : 'RSA-SHA256')
    .update(text, 'utf8')
    .sign(TEST_SIGNING_KEY_PEM, 'base64');
  return { ...message, SignatureVersion: version, Signature: signature };
}

export interface MessageOptions {
  /** Origin serving the certificate and confirmations, e.g. `http://127.0.0.1:1234`. */
  origin: string;
  topicArn?: string;
  timestamp: Date;
  version?: '1' | '2';
}

export const TEST_TOPIC_ARN = 'arn:aws:sns:us-east-1:123456789012:orders';

export function subscribeUrlFor(origin: string, topicArn: string, token: string): string {
  return `${origin}/?Action=ConfirmSubscription&TopicArn=${topicArn}&Token=${token}`;
}

export function signedNotification(
  options: MessageOptions,
  fields: {
    Message?: string;
    Subject?: string;
    MessageAttributes?: Record<string, { Type: string; Value: string }>;
  } = {},
): SignedMessage {
  const topicArn = options.topicArn ?? TEST_TOPIC_ARN;
  return sign(
    {
      Type: 'Notification',
      MessageId: randomUUID(),
      TopicArn: topicArn,
      Message: fields.Message ?? '{"orderId":"o-1","amount":150}',
      ...(fields.Subject === undefined ? {} : { Subject: fields.Subject }),
      Timestamp: options.timestamp.toISOString(),
      SignatureVersion: options.version ?? '1',
      Signature: '',
      SigningCertURL: options.origin + TEST_CERT_PATH,
      UnsubscribeURL: `${options.origin}/?Action=Unsubscribe&SubscriptionArn=${topicArn}:${randomUUID()}`,
      ...(fields.MessageAttributes === undefined ? {} : { MessageAttributes: fields.MessageAttributes }),
    },
    options.version ?? '1',
  );
}

export function signedConfirmation(
  type: 'SubscriptionConfirmation' | 'UnsubscribeConfirmation',
  options: MessageOptions,
  fields: { SubscribeURL?: string; Message?: string } = {},
): SignedMessage & { Token: string; SubscribeURL: string } {
  const topicArn = options.topicArn ?? TEST_TOPIC_ARN;
  const token = randomBytes(64).toString('hex');
  const message =
    type === 'SubscriptionConfirmation'
      ? `You have chosen to subscribe to the topic ${topicArn}.\nTo confirm the subscription, visit the SubscribeURL included in this message.`
      : `You have chosen to deactivate subscription ${topicArn}:2bcfbf39-05c3-41de-beaa-fcfcc21c8f55.\nTo cancel this operation and restore the subscription, visit the SubscribeURL included in this message.`;
  return sign(
    {
      Type: type,
      MessageId: randomUUID(),
      Token: token,
      TopicArn: topicArn,
      Message: fields.Message ?? message,
      SubscribeURL: fields.SubscribeURL ?? subscribeUrlFor(options.origin, topicArn, token),
      Timestamp: options.timestamp.toISOString(),
      SignatureVersion: options.version ?? '1',
      Signature: '',
      SigningCertURL: options.origin + TEST_CERT_PATH,
    },
    options.version ?? '1',
  );
}
