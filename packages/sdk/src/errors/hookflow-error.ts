import { markErrorClass } from './error-marker';

/** One item of an error's `details`: where (a JSON Pointer) and what. */
export interface ErrorDetail {
  path?: string;
  message: string;
  [key: string]: unknown;
}

export interface HookflowErrorOptions {
  /** The HTTP status this error is answered with. Default 500: an error nobody classified is ours. */
  status?: number;
  details?: ErrorDetail[];
  /** Sent as `Retry-After` (seconds) when the error is answered. */
  retryAfterSeconds?: number;
  cause?: unknown;
}

/**
 * Every error Hookflow raises on purpose: a stable snake_case `code` (callers branch on it, never on the
 * message) and the HTTP `status` it is answered with, so one function turns any of them into an answer.
 * Recognised across copies of the SDK: `instanceof` checks a registered-symbol marker, not the prototype.
 */
export class HookflowError extends Error {
  readonly code: string;
  readonly status: number;
  readonly details?: ErrorDetail[];
  readonly retryAfterSeconds?: number;

  constructor(code: string, message: string, options: HookflowErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.code = code;
    this.status = options.status ?? 500;
    if (options.details) this.details = options.details;
    if (options.retryAfterSeconds !== undefined) this.retryAfterSeconds = options.retryAfterSeconds;
  }
}
markErrorClass(HookflowError, 'HookflowError');
