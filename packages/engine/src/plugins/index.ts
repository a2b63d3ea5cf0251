export * from './json-schema';
export * from './node-plugin';
export * from './trigger-plugin';
export * from './auth-strategies';
export * from './plugin-registry';
export * from './load-plugins';
export * from './outbound-http';
