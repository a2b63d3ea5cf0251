/** The plugin test kit (docs/plugins.md): run a trigger's auth, parser and hook, or a node's execute, without a server. */
export * from './trigger-kit';
export * from './node-kit';
export * from './in-memory-state';
