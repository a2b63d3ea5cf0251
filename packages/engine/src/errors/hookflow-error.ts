/**
 * Every error Hookflow raises on purpose carries a stable snake_case `code`. HTTP handlers map codes to
 * statuses; callers branch on `code`, never on message text.
 */
export interface ErrorDetail {
  path?: string;
  message: string;
  [key: string]: unknown;
}

export class HookflowError extends Error {
  readonly code: string;
  readonly details?: ErrorDetail[];

  constructor(code: string, message: string, options: { details?: ErrorDetail[]; cause?: unknown } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'HookflowError';
    this.code = code;
    if (options.details) this.details = options.details;
  }
}

/** Temporal or MongoDB could not be reached; the caller should retry later. */
export class UnavailableError extends HookflowError {
  readonly component: 'temporal' | 'mongodb';

  constructor(component: 'temporal' | 'mongodb', message: string, cause?: unknown) {
    super('unavailable', message, { cause });
    this.name = 'UnavailableError';
    this.component = component;
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
