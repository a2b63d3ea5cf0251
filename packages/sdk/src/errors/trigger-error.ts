import { markErrorClass } from './error-marker';
import { HookflowError, type ErrorDetail } from './hookflow-error';

/**
 * The error a trigger plugin (or the trigger pipeline) throws to refuse a request: `status` and `code` are
 * what the sender gets (`invalid_payload` 400, `signature_invalid` 403, `unavailable` 503, or a plugin's own
 * code). `reason` is for the delivery log and the server log only, more precise than the message.
 */
export class TriggerError extends HookflowError {
  readonly reason: string;

  constructor(
    status: number,
    code: string,
    message: string,
    options: { cause?: unknown; reason?: string; details?: ErrorDetail[]; retryAfterSeconds?: number } = {},
  ) {
    super(code, message, { ...options, status });
    this.reason = options.reason ?? message;
  }
}
markErrorClass(TriggerError, 'TriggerError');
