/** The MongoDB store (docs/api.md, docs/workflows.md, docs/plugins.md): repositories on a connection passed in, FerretDB-compatible (§10). */
export * from './connection';
export * from './user-json';
export * from './store-errors';
export { initStore } from './store-indexes';
export * from './create-store';
export * from './api-keys';
export * from './workflows';
export * from './deliveries';
export * from './plugin-state';
export * from './credentials';
