import { createAmazonSnsTrigger } from './plugin';

export { AMAZON_SNS_TRIGGER_TYPE, createAmazonSnsTrigger, type AmazonSnsTriggerOptions } from './plugin';
export { snsTriggerConfigSchema, type SnsTriggerConfig } from './config';
export {
  verifySnsMessage,
  DEFAULT_SNS_MAX_AGE_SECONDS,
  type VerifySnsMessageOptions,
} from './verification/verify-sns-message';
export {
  SnsVerificationError,
  SNS_VERIFICATION_CODES,
  isSnsVerificationError,
  type SnsVerificationCode,
} from './verification/sns-verification-error';
export type { CertificateSource } from './verification/certificate';
export type {
  SnsMessage,
  SnsNotification,
  SnsConfirmationMessage,
  SnsMessageType,
  SnsMessageAttribute,
} from './message/sns-message';
export type { SnsTriggerPayload } from './message/notification-payload';
export type { SubscriptionRecord } from './subscription/subscription-records';

/** The amazon-sns trigger plugin (docs/webhooks.md), as `HOOKFLOW_PLUGINS` loads it. */
const amazonSnsTrigger = createAmazonSnsTrigger();
export default amazonSnsTrigger;
