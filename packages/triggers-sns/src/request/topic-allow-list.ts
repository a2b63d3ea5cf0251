import { TriggerError, type PluginStateStore } from '@hookflow/sdk';
import type { SnsTriggerConfig } from '../config';
import { pinnedTopic } from '../subscription/topic-pin';

/**
 * 403 `topic_not_allowed` unless the topic may reach the workflow: listed in `topicArns` when that is set,
 * else the pinned topic (the first one confirmed). Before any topic is pinned, only a confirmation may pass
 * (it becomes the pin); a notification of a topic never confirmed here is refused, since a message signed
 * by SNS for some other endpoint could otherwise be replayed at this one.
 */
export async function checkTopicAllowed(
  topicArn: string | undefined,
  config: SnsTriggerConfig,
  state: PluginStateStore,
  purpose: 'confirm' | 'deliver',
): Promise<void> {
  const allowed = config.topicArns;
  if (allowed !== undefined) {
    if (topicArn !== undefined && allowed.includes(topicArn)) return;
    throw refused(`topic ${topicArn ?? '(none)'} is not in this workflow's topicArns`);
  }
  const pinned = await pinnedTopic(state);
  if (pinned === undefined) {
    if (purpose === 'confirm') return;
    throw refused(`topic ${topicArn ?? '(none)'} has not been confirmed for this workflow`);
  }
  if (topicArn !== pinned) {
    throw refused(`topic ${topicArn ?? '(none)'} is not the topic this workflow is pinned to (${pinned})`);
  }
}

function refused(message: string): TriggerError {
  return new TriggerError(403, 'topic_not_allowed', message);
}
