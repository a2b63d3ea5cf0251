import type { SnsMessage } from '../message/sns-message';

/**
 * The string SNS signs, per "Verifying the signatures of Amazon SNS messages": for each signed field, in
 * this byte-wise sorted order, `Name\nValue\n`. A Notification signs Subject only when it has one;
 * confirmations sign SubscribeURL and Token instead. Any deviation (order, a missing newline, an extra
 * field) yields a different string and the signature will not match.
 */
export function canonicalString(message: SnsMessage): string {
  const fields: [string, string | undefined][] =
    message.Type === 'Notification'
      ? [
          ['Message', message.Message],
          ['MessageId', message.MessageId],
          ['Subject', message.Subject],
          ['Timestamp', message.Timestamp],
          ['TopicArn', message.TopicArn],
          ['Type', message.Type],
        ]
      : [
          ['Message', message.Message],
          ['MessageId', message.MessageId],
          ['SubscribeURL', message.SubscribeURL],
          ['Timestamp', message.Timestamp],
          ['Token', message.Token],
          ['TopicArn', message.TopicArn],
          ['Type', message.Type],
        ];
  return fields
    .filter((field): field is [string, string] => field[1] !== undefined)
    .map(([name, value]) => `${name}\n${value}\n`)
    .join('');
}
