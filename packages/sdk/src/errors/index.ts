export { HookflowError, type ErrorDetail, type HookflowErrorOptions } from './hookflow-error';
export { TriggerError } from './trigger-error';
export { NodeError } from './node-error';
export { markErrorClass } from './error-marker';
