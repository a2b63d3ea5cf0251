import type { SnsMessageAttribute, SnsNotification } from './sns-message';

/** `$trigger` of a run started by an SNS Notification (docs/webhooks.md). */
export interface SnsTriggerPayload {
  /** `Message` JSON-parsed when it is JSON, else the string as sent. */
  message: unknown;
  subject: string | null;
  topicArn: string | null;
  messageId: string | null;
  /** ISO time SNS published the message; `null` for raw delivery, which does not say. */
  timestamp: string | null;
  messageAttributes: Record<string, SnsMessageAttribute>;
  /** Present (true) only for raw message delivery, whose content SNS did not sign. */
  rawDelivery?: true;
}

/** Publishers often send JSON as the message text; workflows should not have to parse it themselves. */
export function decodeMessageText(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

export function notificationPayload(notification: SnsNotification): SnsTriggerPayload {
  return {
    message: decodeMessageText(notification.Message),
    subject: notification.Subject ?? null,
    topicArn: notification.TopicArn,
    messageId: notification.MessageId,
    timestamp: notification.Timestamp,
    messageAttributes: notification.MessageAttributes ?? {},
  };
}
