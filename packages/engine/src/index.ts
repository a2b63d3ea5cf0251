export * from './errors/hookflow-error';
export * from './config/config';
export * from './logging/logger';
export * from './temporal/connection';
export * from './temporal/search-attributes';
export * from './store/connection';
export { createHookflowWorker, type HookflowWorkerSettings } from './worker/create-worker';
export * from './store/user-json';
