/** The MongoDB store (SPEC §3, §4, §6.1): repositories on a connection passed in, FerretDB-compatible (§10). */
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
