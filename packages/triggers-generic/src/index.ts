/** The trigger type this package registers (SPEC §3.2). */
export const GENERIC_WEBHOOK_TRIGGER_TYPE = 'generic-webhook';
