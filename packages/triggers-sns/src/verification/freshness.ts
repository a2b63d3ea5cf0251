import { SnsVerificationError } from './sns-verification-error';

// SNS writes `2022-07-28T21:23:58.317Z`; anything looser could be read differently by different parsers.
const SNS_TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d{1,9})?Z$/;

/** The message's `Timestamp` as a Date; `invalid_message` when it is not an ISO 8601 UTC time. */
export function parseSnsTimestamp(timestamp: string): Date {
  const time = SNS_TIMESTAMP.test(timestamp) ? new Date(timestamp) : undefined;
  if (time === undefined || Number.isNaN(time.getTime())) {
    throw new SnsVerificationError(
      'invalid_message',
      'not a valid SNS message: Timestamp must be an ISO 8601 UTC time',
    );
  }
  return time;
}

/**
 * Replay protection: a captured message stays validly signed forever, so one older than `maxAgeSeconds`
 * is refused. SNS delivery policies retry for at most an hour, hence the 3600 s default.
 */
export function checkFreshness(timestamp: string, now: Date, maxAgeSeconds: number): void {
  const sentAt = parseSnsTimestamp(timestamp);
  const ageSeconds = (now.getTime() - sentAt.getTime()) / 1000;
  if (ageSeconds > maxAgeSeconds) {
    throw new SnsVerificationError(
      'message_too_old',
      `message sent at ${timestamp} is ${Math.floor(ageSeconds)} s old; at most ${maxAgeSeconds} s is accepted`,
    );
  }
}
