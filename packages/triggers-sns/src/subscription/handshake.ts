/**
 * What `parse` hands to `confirm` for a verified SubscriptionConfirmation or UnsubscribeConfirmation.
 * It carries only what `confirm` needs; `subscribeUrl` holds the confirmation token, so it is never logged.
 */
export type SnsHandshake =
  | {
      type: 'SubscriptionConfirmation';
      topicArn: string;
      messageId: string;
      /** The signed `Timestamp`: a confirmation issued before a recorded unsubscribe is stale. */
      timestamp: string;
      subscribeUrl: string;
    }
  | { type: 'UnsubscribeConfirmation'; topicArn: string; messageId: string; subscriptionArn: string | null };

export function isSnsHandshake(value: unknown): value is SnsHandshake {
  if (typeof value !== 'object' || value === null) return false;
  const candidate = value as Record<string, unknown>;
  if (typeof candidate.topicArn !== 'string' || typeof candidate.messageId !== 'string') return false;
  if (candidate.type === 'SubscriptionConfirmation') {
    return typeof candidate.subscribeUrl === 'string' && typeof candidate.timestamp === 'string';
  }
  if (candidate.type === 'UnsubscribeConfirmation') {
    return candidate.subscriptionArn === null || typeof candidate.subscriptionArn === 'string';
  }
  return false;
}
