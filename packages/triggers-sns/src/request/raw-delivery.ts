import { TriggerError, type ParseResult, type TriggerRequest } from '@hookflow/sdk';
import type { SnsTriggerConfig } from '../config';
import { decodeMessageText, type SnsTriggerPayload } from '../message/notification-payload';
import { singleHeader, SNS_HEADERS } from './headers';
import { checkTopicAllowed } from './topic-allow-list';

// Same alphabet as the generic trigger's Idempotency-Key: safe inside a Temporal workflow id.
const DELIVERY_KEY = /^[A-Za-z0-9._:-]{1,200}$/;

export function isRawDelivery(request: TriggerRequest): boolean {
  return singleHeader(request, SNS_HEADERS.rawDelivery)?.toLowerCase() === 'true';
}

/**
 * A raw message delivery: the body is the published message itself, with no signature. Refused (400)
 * unless the workflow opted in; then topic and message id come from SNS's headers, which nothing
 * vouches for beyond the API key.
 */
export function parseRawDelivery(request: TriggerRequest, config: SnsTriggerConfig): ParseResult {
  if (config.allowRawDelivery !== true) {
    throw new TriggerError(
      400,
      'raw_delivery_not_allowed',
      'raw message delivery carries no SNS signature; disable it on the subscription or set allowRawDelivery',
    );
  }
  const topicArn = singleHeader(request, SNS_HEADERS.topicArn) ?? null;
  checkTopicAllowed(topicArn ?? undefined, config);
  const messageId = singleHeader(request, SNS_HEADERS.messageId);
  const deliveryKey = messageId !== undefined && DELIVERY_KEY.test(messageId) ? messageId : undefined;

  const payload: SnsTriggerPayload = {
    message: decodeMessageText(request.rawBody.toString('utf8')),
    subject: null,
    topicArn,
    messageId: deliveryKey ?? null,
    timestamp: null,
    messageAttributes: {},
    rawDelivery: true,
  };
  return deliveryKey === undefined ? { kind: 'event', payload } : { kind: 'event', payload, deliveryKey };
}
