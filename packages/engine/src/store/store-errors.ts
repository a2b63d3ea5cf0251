import { HookflowError, type ErrorDetail } from '@hookflow/sdk';

/** The HTTP status each store refusal is answered with. */
export const STORE_ERROR_STATUS = {
  invalid_api_key_name: 400,
  api_key_name_taken: 409,
  api_key_not_found: 404,
  invalid_workflow: 400,
  workflow_name_taken: 409,
  workflow_not_found: 404,
  workflow_update_conflict: 409,
  plugin_state_invalid_key: 400,
  plugin_state_invalid_value: 400,
  plugin_state_value_too_large: 413,
  plugin_state_full: 507,
  invalid_credential: 400,
  credential_name_taken: 409,
  credential_not_found: 404,
  credential_in_use: 409,
} as const satisfies Record<string, number>;

export type StoreErrorCode = keyof typeof STORE_ERROR_STATUS;

/** A refusal by the store (not found, name taken, ...); `code` is stable, `status` is its HTTP status. */
export class StoreError extends HookflowError {
  declare readonly code: StoreErrorCode;

  constructor(code: StoreErrorCode, message: string, options: { details?: ErrorDetail[]; cause?: unknown } = {}) {
    super(code, message, { ...options, status: STORE_ERROR_STATUS[code] });
    this.name = 'StoreError';
  }
}
