/**
 * `@hookflow/sdk/testing`: run a trigger plugin through the server's own pipeline, or a node's `execute`,
 * without a server, Temporal or a database.
 */
export {
  runTrigger,
  createTestTriggerContext,
  type TriggerTestOptions,
  type TriggerTestRequest,
  type TriggerTestResult,
} from './trigger-kit';
export { runNode, type NodeTestOptions } from './node-kit';
export { createInMemoryStateStore } from './in-memory-state';
export { silentLogger } from './silent-logger';
