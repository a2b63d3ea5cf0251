// Entry point of the workflow bundle: only deterministic modules may be imported from here.
export { runGraph } from './run-graph';
