/**
 * The JSON documents Amazon SNS POSTs to an HTTP(S) subscriber, as documented in the SNS developer guide
 * ("HTTP/HTTPS notification / subscription confirmation / unsubscribe confirmation JSON format").
 * Field names keep SNS's spelling so a message can be checked against the documentation at a glance.
 */

export const SNS_MESSAGE_TYPES = ['Notification', 'SubscriptionConfirmation', 'UnsubscribeConfirmation'] as const;
export type SnsMessageType = (typeof SNS_MESSAGE_TYPES)[number];

/** `1` = SHA1withRSA, `2` = SHA256withRSA. */
export type SnsSignatureVersion = '1' | '2';

/** One entry of `MessageAttributes`, e.g. `{ "Type": "String", "Value": "blue" }`. */
export interface SnsMessageAttribute {
  Type: string;
  Value: string;
}

/** Fields every signed SNS message carries. */
interface SnsMessageBase {
  MessageId: string;
  TopicArn: string;
  Message: string;
  /** ISO 8601, UTC, e.g. `2022-07-28T21:23:58.317Z`. */
  Timestamp: string;
  /** Kept as sent: verification refuses versions other than `1` and `2`. */
  SignatureVersion: string;
  /** Base64 RSA signature of the canonical string. */
  Signature: string;
  SigningCertURL: string;
}

export interface SnsNotification extends SnsMessageBase {
  Type: 'Notification';
  Subject?: string;
  UnsubscribeURL?: string;
  MessageAttributes?: Record<string, SnsMessageAttribute>;
}

/** A SubscriptionConfirmation or an UnsubscribeConfirmation: both carry a token and a SubscribeURL. */
export interface SnsConfirmationMessage extends SnsMessageBase {
  Type: 'SubscriptionConfirmation' | 'UnsubscribeConfirmation';
  /** Secret-ish: whoever holds it can confirm the subscription. Never logged. */
  Token: string;
  SubscribeURL: string;
}

export type SnsMessage = SnsNotification | SnsConfirmationMessage;

export function isSnsMessageType(value: unknown): value is SnsMessageType {
  return typeof value === 'string' && (SNS_MESSAGE_TYPES as readonly string[]).includes(value);
}
