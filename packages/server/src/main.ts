import {
  checkMongoHealth,
  checkTemporalHealth,
  ConfigError,
  createLogger,
  createMongoConnection,
  createTemporalClient,
  loadConfig,
} from '@hookflow/engine';
import { createApp } from './app';

/** Server process entry point: stateless, any number of them behind a load balancer. */
function main(): void {
  const config = loadConfig(process.env, ['HOOKFLOW_ADMIN_TOKEN', 'MONGODB_URI']);
  const logger = createLogger('hookflow-server', config.logLevel);
  const mongo = createMongoConnection(config.mongodbUri as string);
  const temporal = createTemporalClient(config);

  const app = createApp({
    logger,
    readiness: {
      mongodb: () => checkMongoHealth(mongo),
      temporal: () => checkTemporalHealth(temporal.connection),
    },
  });
  const server = app.listen(config.port, () => {
    logger.info({ port: config.port, publicUrl: config.publicUrl }, 'server listening');
  });
  server.on('error', (error) => {
    logger.fatal({ err: error }, 'cannot listen');
    process.exit(1);
  });

  const shutdown = () => {
    logger.info('shutting down');
    server.close(() => {
      void Promise.allSettled([mongo.close(), temporal.connection.close()]).then(() => process.exit(0));
    });
    // Keep-alive connections must not hold the process forever.
    setTimeout(() => process.exit(0), 10_000).unref();
  };
  process.once('SIGINT', shutdown);
  process.once('SIGTERM', shutdown);
}

try {
  main();
} catch (error) {
  console.error(error instanceof ConfigError ? error.message : error);
  process.exit(1);
}
