/** The trigger type this package registers (SPEC §7). */
export const AMAZON_SNS_TRIGGER_TYPE = 'amazon-sns';
