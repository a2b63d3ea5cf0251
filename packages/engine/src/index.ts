export * from './errors/engine-errors';
export * from './config/config';
export * from './logging/logger';
export * from './temporal/connection';
export * from './temporal/search-attributes';
export * from './temporal/unavailable';
export * from './temporal/temporal-runtime';
export * from './temporal/connection-options';
export * from './temporal/connection-errors';
export * from './temporal/payload-codec';
export * from './temporal/retention';
export * from './crypto';
export * from './credentials';
export * from './config/secret-files';
export * from './config/trust-proxy';
export * from './telemetry/metrics-endpoint';
export * from './store/connection';
export * from './store/user-json';
export * from './plugins';
export * from './executions';
export * from './interpreter/definitions';
export * from './activities/node-activity-types';
export {
  createHookflowWorker,
  WORKFLOW_BUNDLE_PATH,
  type HookflowWorkerSettings,
  type CreateWorkerOptions,
} from './worker/create-worker';
export * from './store';
export * from './graph';
export * from './expressions';
export { annotateWebhookSpan, type WebhookSpanFacts } from './telemetry/webhook-span';
export { tracingClientInterceptors } from './telemetry/client-tracing';
export type { Tracing } from './telemetry/tracing';
