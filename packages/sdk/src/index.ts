/**
 * `@hookflow/sdk`: everything a plugin package needs at run time, and nothing else (no Temporal, mongoose
 * or Express). The test kit is `@hookflow/sdk/testing`.
 */
export * from './errors';
export type { JsonSchema } from './plugin/json-schema';
export type { CredentialType, NodeCredential } from './plugin/credential';
export type { LogFn, PluginLogger } from './plugin/logger';
export type { OutboundHttpClient, OutboundRequest, OutboundResponse } from './plugin/outbound-http';
export * from './plugin/trigger-plugin';
export * from './plugin/node-plugin';
export * from './plugin/auth-strategies';
export { SENDER_DELIVERY_KEY } from './plugin/delivery-key';
