export * from './plugin-registry';
export * from './load-plugins';
