export { startStack, type Stack, type StackOptions } from './stack';
export { startDatabase, type RunningDatabase } from './services/database';
export { startTemporalServer, type RunningTemporal } from './services/temporal-server';
export { startProcess, type ManagedProcess } from './services/managed-process';
export { resolveDatabaseBinary, FERRETDB_VERSION } from './binaries/database-server';
export { resolveTemporalCli, TEMPORAL_CLI_VERSION } from './binaries/temporal-cli';
export { findFreePort, isPortOpen } from './network/free-port';
