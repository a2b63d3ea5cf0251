import {
  ConfigError,
  createLogger,
  initStore,
  loadConfig,
  loadEncryptionSettings,
  PluginLoadError,
  type Logger,
} from '@hookflow/engine';
import { createApp } from './app';
import { createServerContext } from './server-context';
import { closeWebhooks } from './webhooks';

/** Server process entry point: stateless, any number of them behind a load balancer. */
async function main(): Promise<void> {
  const config = loadConfig(process.env, ['HOOKFLOW_ADMIN_TOKEN', 'MONGODB_URI']);
  const encryption = loadEncryptionSettings(process.env);
  const logger = createLogger('hookflow-server', config.logLevel);
  const ctx = await createServerContext(config, logger, encryption);
  const mongo = ctx.store.connection;
  // Indexes are built in the background, retried until the database answers: meanwhile /readyz says 503.
  void buildIndexesWhenReachable(() => initStore(mongo), logger);
  const server = createApp(ctx).listen(config.port, () => {
    logger.info(
      {
        port: config.port,
        publicUrl: config.publicUrl,
        payloadEncryption: encryption.payloadEncryption,
        encryptionKeyId: encryption.keyRing.currentKeyId ?? null,
      },
      'server listening',
    );
    if (!encryption.keyRing.currentKeyId) {
      logger.warn('HOOKFLOW_ENCRYPTION_KEY is not set: credentials cannot be saved or used until it is');
    }
  });
  server.on('error', (error) => {
    logger.fatal({ err: error }, 'cannot listen');
    process.exit(1);
  });

  const shutdown = () => {
    logger.info('shutting down');
    server.close(() => {
      // Buffered delivery-log entries are written before the database connection goes.
      void closeWebhooks(ctx)
        .then(() => Promise.allSettled([mongo.close(), ctx.temporal.connection.close()]))
        .then(() => process.exit(0));
    });
    // Keep-alive connections must not hold the process forever.
    server.closeIdleConnections();
    setTimeout(() => process.exit(0), 10_000).unref();
  };
  process.once('SIGINT', shutdown);
  process.once('SIGTERM', shutdown);
}

async function buildIndexesWhenReachable(build: () => Promise<void>, logger: Logger): Promise<void> {
  for (let delayMs = 500; ; delayMs = Math.min(delayMs * 2, 30_000)) {
    try {
      await build();
      return;
    } catch (error) {
      logger.warn({ err: error, retryInMs: delayMs }, 'MongoDB indexes not built yet');
      await new Promise((resolve) => setTimeout(resolve, delayMs).unref());
    }
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof ConfigError || error instanceof PluginLoadError ? error.message : error);
  process.exit(1);
});
