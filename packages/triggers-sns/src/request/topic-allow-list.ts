import { TriggerError } from '@hookflow/sdk';
import type { SnsTriggerConfig } from '../config';

/** 403 `topic_not_allowed` unless the workflow accepts any topic or lists this one. */
export function checkTopicAllowed(topicArn: string | undefined, config: SnsTriggerConfig): void {
  const allowed = config.topicArns;
  if (allowed === undefined) return;
  if (topicArn !== undefined && allowed.includes(topicArn)) return;
  throw new TriggerError(403, 'topic_not_allowed', `topic ${topicArn ?? '(none)'} is not in this workflow's topicArns`);
}
