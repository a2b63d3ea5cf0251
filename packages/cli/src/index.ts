export { runCli, buildProgram } from './cli';
export type { CliIo } from './io';
