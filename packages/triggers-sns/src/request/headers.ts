import type { TriggerRequest } from '@hookflow/sdk';

/** SNS headers on every HTTP delivery (SNS developer guide, "HTTP/HTTPS headers"). */
export const SNS_HEADERS = {
  messageType: 'x-amz-sns-message-type',
  messageId: 'x-amz-sns-message-id',
  topicArn: 'x-amz-sns-topic-arn',
  rawDelivery: 'x-amz-sns-rawdelivery',
} as const;

/** The header's value when it was sent exactly once; a repeated header is treated as absent. */
export function singleHeader(request: TriggerRequest, name: string): string | undefined {
  const value = request.headers[name];
  return typeof value === 'string' ? value : undefined;
}
