import { loadConfig } from '../config/config';
import { ConfigError } from '../errors/hookflow-error';
import { createLogger } from '../logging/logger';
import { createHookflowWorker } from './create-worker';

/**
 * Worker process entry point. The Temporal runtime already turns SIGINT/SIGTERM into a graceful
 * shutdown: polling stops, running activities finish or are cancelled, then `run()` resolves.
 */
async function main(): Promise<void> {
  const config = loadConfig();
  const logger = createLogger('hookflow-worker', config.logLevel);
  const { worker, connection } = await createHookflowWorker(config);
  logger.info(
    { taskQueue: config.taskQueue, namespace: config.temporalNamespace, temporal: config.temporalAddress },
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
  if (error instanceof ConfigError) console.error(error.message);
  else console.error('hookflow-worker failed:', error);
  process.exit(1);
});
