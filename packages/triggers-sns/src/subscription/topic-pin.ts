import type { PluginStateStore } from '@hookflow/sdk';

/**
 * Trust on first use for workflows without `topicArns`: the first topic whose confirmation is accepted is
 * pinned, and from then on only that topic is confirmed or run. The pin is kept in the workflow's plugin
 * state, so every instance sees the same one.
 */
const PIN_KEY = 'sns-pinned-topic';

interface TopicPin {
  topicArn: string;
  pinnedAt: string;
}

function isPin(value: unknown): value is TopicPin {
  return typeof value === 'object' && value !== null && typeof (value as TopicPin).topicArn === 'string';
}

export async function pinnedTopic(state: PluginStateStore): Promise<string | undefined> {
  const value = await state.get(PIN_KEY);
  return isPin(value) ? value.topicArn : undefined;
}

/**
 * Pins `topicArn` unless a topic is pinned already; answers the topic pinned afterwards (read back, so that
 * of two first confirmations racing each other only the one whose pin stayed goes on to confirm).
 */
export async function pinTopic(state: PluginStateStore, topicArn: string, at: Date): Promise<string | undefined> {
  const existing = await pinnedTopic(state);
  if (existing !== undefined) return existing;
  const pin: TopicPin = { topicArn, pinnedAt: at.toISOString() };
  await state.set(PIN_KEY, pin);
  return pinnedTopic(state);
}
