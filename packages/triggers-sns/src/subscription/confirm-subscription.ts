import type { OutboundHttpClient } from '@hookflow/sdk';
import { subscriptionArnFromConfirmResponse } from './subscription-arn';

const CONFIRM_TIMEOUT_MS = 10_000;
const MAX_RESPONSE_BYTES = 64 * 1024;

export interface ConfirmedSubscription {
  /** From the response; `null` when the response did not name one (the subscription is confirmed anyway). */
  subscriptionArn: string | null;
}

/**
 * GETs a SubscribeURL that `checkSubscribeUrl` accepted. Any non-2xx answer, redirect, timeout or network
 * error rejects, and the caller answers 5xx so that SNS sends the confirmation again.
 */
export async function confirmSubscription(
  url: URL,
  topicArn: string,
  http: OutboundHttpClient,
): Promise<ConfirmedSubscription> {
  const response = await http.request(url.href, {
    method: 'GET',
    allowedOrigins: [url.origin],
    timeoutMs: CONFIRM_TIMEOUT_MS,
    maxResponseBytes: MAX_RESPONSE_BYTES,
  });
  if (response.status < 200 || response.status > 299) {
    throw new Error(`SNS answered the confirmation with HTTP ${response.status}`);
  }
  return { subscriptionArn: subscriptionArnFromConfirmResponse(response.body.toString('utf8'), topicArn) };
}
