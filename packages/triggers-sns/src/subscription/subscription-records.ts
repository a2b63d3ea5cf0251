import type { PluginStateStore } from '@hookflow/sdk';

/** What the workflow shows about one SNS subscription (docs/webhooks.md: topic, ARN, time). */
export interface SubscriptionRecord {
  topicArn: string;
  /** `null` when SNS did not name it (e.g. an unsubscribe for a subscription confirmed elsewhere). */
  subscriptionArn: string | null;
  status: 'confirmed' | 'unsubscribed';
  /** `MessageId` of the confirmation that was accepted: SNS may send it again, it is confirmed once. */
  confirmationMessageId?: string;
  /** ISO times. */
  confirmedAt: string | null;
  unsubscribedAt: string | null;
}

// One record per topic: SNS keeps a single subscription per topic and endpoint URL, and keying by topic
// keeps the state bounded by the number of topics that actually reached this workflow.
const PREFIX = 'sns-subscription:';

function isRecord(value: unknown): value is SubscriptionRecord {
  if (typeof value !== 'object' || value === null) return false;
  const record = value as Partial<Record<keyof SubscriptionRecord, unknown>>;
  return typeof record.topicArn === 'string' && (record.status === 'confirmed' || record.status === 'unsubscribed');
}

export async function currentSubscription(
  state: PluginStateStore,
  topicArn: string,
): Promise<SubscriptionRecord | undefined> {
  const value = await state.get(PREFIX + topicArn);
  return isRecord(value) ? value : undefined;
}

export async function recordConfirmed(
  state: PluginStateStore,
  topicArn: string,
  subscriptionArn: string | null,
  confirmationMessageId: string,
  at: Date,
): Promise<SubscriptionRecord> {
  const record: SubscriptionRecord = {
    topicArn,
    subscriptionArn,
    status: 'confirmed',
    confirmationMessageId,
    confirmedAt: at.toISOString(),
    unsubscribedAt: null,
  };
  await state.set(PREFIX + topicArn, record);
  return record;
}

export async function recordUnsubscribed(
  state: PluginStateStore,
  topicArn: string,
  subscriptionArn: string | null,
  at: Date,
): Promise<SubscriptionRecord> {
  const previous = await currentSubscription(state, topicArn);
  const record: SubscriptionRecord = {
    topicArn,
    subscriptionArn: subscriptionArn ?? previous?.subscriptionArn ?? null,
    status: 'unsubscribed',
    confirmedAt: previous?.confirmedAt ?? null,
    unsubscribedAt: at.toISOString(),
  };
  await state.set(PREFIX + topicArn, record);
  return record;
}

/** Every recorded subscription, oldest first. */
export async function listSubscriptions(state: PluginStateStore): Promise<SubscriptionRecord[]> {
  const entries = await state.list(PREFIX);
  return entries.map((entry) => entry.value).filter(isRecord);
}
