import { SnsVerificationError } from '../verification/sns-verification-error';
import { isSnsMessageType, type SnsMessage, type SnsMessageAttribute, type SnsNotification } from './sns-message';

type JsonObject = { [key: string]: unknown };

function invalid(reason: string): SnsVerificationError {
  return new SnsVerificationError('invalid_message', `not a valid SNS message: ${reason}`);
}

function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function requireString(source: JsonObject, field: string): string {
  const value = source[field];
  if (typeof value !== 'string') throw invalid(`${field} must be a string`);
  return value;
}

function optionalString(source: JsonObject, field: string): string | undefined {
  const value = source[field];
  // SNS omits Subject when there is none; some relays write `null`. Either way it is not signed.
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string') throw invalid(`${field} must be a string when present`);
  return value;
}

function readAttributes(value: unknown): Record<string, SnsMessageAttribute> | undefined {
  if (value === undefined || value === null) return undefined;
  if (!isObject(value)) throw invalid('MessageAttributes must be an object');
  const attributes: Record<string, SnsMessageAttribute> = {};
  for (const [name, attribute] of Object.entries(value)) {
    if (!isObject(attribute) || typeof attribute.Type !== 'string' || typeof attribute.Value !== 'string') {
      throw invalid(`MessageAttributes.${name} must be {Type, Value} strings`);
    }
    attributes[name] = { Type: attribute.Type, Value: attribute.Value };
  }
  return attributes;
}

/**
 * Checks that `value` has the shape of a signed SNS message and returns it typed. Only the fields SNS
 * documents are kept; anything else in the document is not signed and therefore ignored.
 * Throws `SnsVerificationError('invalid_message')`.
 */
export function readSnsMessage(value: unknown): SnsMessage {
  if (!isObject(value)) throw invalid('expected a JSON object');
  const type = value.Type;
  if (!isSnsMessageType(type))
    throw invalid('Type must be Notification, SubscriptionConfirmation or UnsubscribeConfirmation');

  const common = {
    MessageId: requireString(value, 'MessageId'),
    TopicArn: requireString(value, 'TopicArn'),
    Message: requireString(value, 'Message'),
    Timestamp: requireString(value, 'Timestamp'),
    SignatureVersion: requireString(value, 'SignatureVersion'),
    Signature: requireString(value, 'Signature'),
    SigningCertURL: requireString(value, 'SigningCertURL'),
  };

  if (type === 'Notification') {
    const notification: SnsNotification = { Type: type, ...common };
    const subject = optionalString(value, 'Subject');
    const unsubscribeUrl = optionalString(value, 'UnsubscribeURL');
    const attributes = readAttributes(value.MessageAttributes);
    if (subject !== undefined) notification.Subject = subject;
    if (unsubscribeUrl !== undefined) notification.UnsubscribeURL = unsubscribeUrl;
    if (attributes !== undefined) notification.MessageAttributes = attributes;
    return notification;
  }

  return {
    Type: type,
    ...common,
    Token: requireString(value, 'Token'),
    SubscribeURL: requireString(value, 'SubscribeURL'),
  };
}
