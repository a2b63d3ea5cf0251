import path from 'node:path';
import { createLogger, PluginRegistry } from '@hookflow/engine';
import { createHookflowWorker, installTemporalRuntime } from '@hookflow/engine/worker-host';
import type { RoundTripActivities } from './round-trip-shape';

/** Written by `npm run build` (scripts/bundle-limit-workflow.js), like the engine's own bundle. */
export const LIMIT_WORKFLOW_BUNDLE = path.resolve(__dirname, '..', '..', 'dist', 'limit-workflow-bundle.js');

/**
 * The limit phase's worker, a process of its own like the engine's: built by the engine's
 * `createHookflowWorker`, so it has the same worker tuning (cache, pollers, slots), with the bare workflow and a
 * no-op activity in place of the interpreter and the node activities. No payload codec and no plugins.
 */
async function main(): Promise<void> {
  const logger = createLogger('bench-limit-worker', 'warn');
  installTemporalRuntime({ logger, logLevel: 'WARN' });
  const activities: RoundTripActivities = { noop: async () => {} };
  const { worker, connection } = await createHookflowWorker({
    settings: {
      temporalAddress: required('TEMPORAL_ADDRESS'),
      temporalNamespace: required('TEMPORAL_NAMESPACE'),
      taskQueue: required('BENCH_LIMIT_TASK_QUEUE'),
    },
    registry: new PluginRegistry(),
    logger,
    overrides: { workflowBundle: { codePath: LIMIT_WORKFLOW_BUNDLE }, activities },
  });
  try {
    await worker.run();
  } finally {
    await connection.close();
  }
}

function required(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set`);
  return value;
}

main().catch((error: unknown) => {
  console.error('bench limit worker failed:', error);
  process.exit(1);
});
