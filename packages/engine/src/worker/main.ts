import { loadConfig } from '../config/config';
import { ConfigError } from '../errors/engine-errors';
import { createLogger } from '../logging/logger';
import { loadPlugins } from '../plugins/load-plugins';
import { PluginLoadError } from '../plugins/plugin-registry';
import { installTemporalRuntimeLogging } from '../temporal/runtime-logging';
import { createHookflowWorker } from './create-worker';

/**
 * Worker process entry point. The Temporal runtime turns SIGINT/SIGTERM into a graceful shutdown:
 * polling stops, running activities finish or are cancelled, then `run()` resolves.
 */
async function main(): Promise<void> {
  const config = loadConfig();
  const logger = createLogger('hookflow-worker', config.logLevel);
  installTemporalRuntimeLogging(logger, config.logLevel === 'debug' || config.logLevel === 'trace' ? 'DEBUG' : 'WARN');
  const registry = await loadPlugins(config.plugins);
  const { worker, connection } = await createHookflowWorker({ settings: config, registry, logger });
  logger.info(
    {
      taskQueue: config.taskQueue,
      namespace: config.temporalNamespace,
      temporal: config.temporalAddress,
      nodeTypes: registry.listNodeTypes().map((n) => n.type),
    },
    'worker started',
  );
  try {
    await worker.run();
  } finally {
    await connection.close();
    logger.info('worker stopped');
  }
}

main().catch((error: unknown) => {
  if (error instanceof ConfigError || error instanceof PluginLoadError) console.error(error.message);
  else console.error('hookflow-worker failed:', error);
  process.exit(1);
});
