export * from './start-run';
export * from './read-run';
export * from './control-run';
export * from './list-runs';
export { MAX_NODE_OUTPUT_BYTES, MAX_RUN_INPUT_BYTES, RunTooLargeError } from '../temporal/payload-limits';
