import { HookflowError, type ErrorDetail } from '@hookflow/sdk';
import { UNAVAILABLE_RETRY_AFTER_SECONDS } from '@hookflow/sdk/pipeline';

/** Temporal or MongoDB could not be reached; the caller should retry later (503 with `Retry-After`). */
export class UnavailableError extends HookflowError {
  readonly component: 'temporal' | 'mongodb';
  /** For the delivery log: which dependency was down (the message may name internal hosts). */
  readonly reason: string;

  constructor(component: 'temporal' | 'mongodb', message: string, cause?: unknown) {
    super('unavailable', message, { status: 503, retryAfterSeconds: UNAVAILABLE_RETRY_AFTER_SECONDS, cause });
    this.name = 'UnavailableError';
    this.component = component;
    this.reason = `${component} unavailable`;
  }
}

/** A configuration variable is missing or malformed; start-up must stop. */
export class ConfigError extends HookflowError {
  constructor(details: ErrorDetail[]) {
    super(
      'invalid_config',
      'Invalid configuration:\n' + details.map((d) => `  ${d.path ?? '?'}: ${d.message}`).join('\n'),
      { details },
    );
    this.name = 'ConfigError';
  }
}
