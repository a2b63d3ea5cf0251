import {
  SENDER_DELIVERY_KEY,
  TriggerError,
  type ParseResult,
  type PluginStateStore,
  type TriggerRequest,
} from '@hookflow/sdk';
import type { SnsTriggerConfig } from '../config';
import { decodeMessageText, type SnsTriggerPayload } from '../message/notification-payload';
import { singleHeader, SNS_HEADERS } from './headers';
import { checkTopicAllowed } from './topic-allow-list';

export function isRawDelivery(request: TriggerRequest): boolean {
  return singleHeader(request, SNS_HEADERS.rawDelivery)?.toLowerCase() === 'true';
}

/**
 * A raw message delivery: the body is the published message itself, with no signature. Refused (400)
 * unless the workflow opted in; then topic and message id come from SNS's headers, which nothing
 * vouches for beyond the API key.
 */
export async function parseRawDelivery(
  request: TriggerRequest,
  config: SnsTriggerConfig,
  state: PluginStateStore,
): Promise<ParseResult> {
  if (config.allowRawDelivery !== true) {
    throw new TriggerError(
      400,
      'raw_delivery_not_allowed',
      'raw message delivery carries no SNS signature; disable it on the subscription or set allowRawDelivery',
    );
  }
  const topicArn = singleHeader(request, SNS_HEADERS.topicArn) ?? null;
  await checkTopicAllowed(topicArn ?? undefined, config, state, 'deliver');
  // The message id is the delivery key: without it, SNS's retries of one message would each start a run.
  const deliveryKey = singleHeader(request, SNS_HEADERS.messageId);
  if (deliveryKey === undefined || !SENDER_DELIVERY_KEY.test(deliveryKey)) {
    throw new TriggerError(
      400,
      'invalid_message_id',
      `a raw delivery needs one ${SNS_HEADERS.messageId} header of 1-200 characters [A-Za-z0-9._:-]`,
    );
  }

  const payload: SnsTriggerPayload = {
    message: decodeMessageText(request.rawBody.toString('utf8')),
    subject: null,
    topicArn,
    messageId: deliveryKey,
    timestamp: null,
    messageAttributes: {},
    rawDelivery: true,
  };
  return { kind: 'event', payload, deliveryKey };
}
