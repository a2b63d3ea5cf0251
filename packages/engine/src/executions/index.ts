export * from './start-execution';
export * from './read-execution';
export * from './control-execution';
export * from './list-executions';
export { MAX_NODE_OUTPUT_BYTES, MAX_RUN_INPUT_BYTES, RunTooLargeError } from '../temporal/payload-limits';
