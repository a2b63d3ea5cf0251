import { HookflowError } from '@hookflow/sdk';

/** 400 `invalid_request`, naming the offending part of the request. */
export function invalidRequest(path: string, message: string): HookflowError {
  return new HookflowError('invalid_request', `${path}: ${message}`, { status: 400, details: [{ path, message }] });
}
