import { HookflowError, type ErrorDetail } from '@hookflow/engine';

/**
 * A refusal decided by the HTTP layer itself (bad query parameter, wrong body shape, ...). It carries its own
 * `status`, which the error handler answers with, so no code→status table needs to know it.
 */
export class HttpError extends HookflowError {
  readonly status: number;

  constructor(status: number, code: string, message: string, options: { details?: ErrorDetail[] } = {}) {
    super(code, message, options);
    this.name = 'HttpError';
    this.status = status;
  }
}

/** 400 `invalid_request`, naming the offending part of the request. */
export function invalidRequest(path: string, message: string): HttpError {
  return new HttpError(400, 'invalid_request', `${path}: ${message}`, { details: [{ path, message }] });
}
