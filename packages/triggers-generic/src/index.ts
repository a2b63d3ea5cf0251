import { genericWebhookTrigger } from './generic-webhook';

export {
  GENERIC_WEBHOOK_TRIGGER_TYPE,
  genericWebhookTrigger,
  type GenericWebhookConfig,
  type GenericWebhookPayload,
} from './generic-webhook';
export { looksSecret } from './secret-names';

/** The generic-webhook trigger plugin, as `HOOKFLOW_PLUGINS` loads it. */
export default genericWebhookTrigger;
