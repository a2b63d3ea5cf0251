// First: tracing instruments Express and `http` as they load.
import { tracing } from './tracing-register';
import { createLogger, initStore, loadConfig, loadEncryptionSettings, type Logger } from '@hookflow/engine';
import { HookflowError } from '@hookflow/sdk';
import { createApp } from './app';
import { serveServerMetrics } from './metrics/serve-metrics';
import { createServerContext, type ServerContext } from './server-context';
import { guardDuplicateWindow } from './startup/duplicate-window-guard';
import { closeWebhooks } from './webhooks';

/** Server process entry point: stateless, any number of them behind a load balancer. */
async function main(): Promise<void> {
  const config = loadConfig(process.env, ['HOOKFLOW_ADMIN_TOKEN', 'MONGODB_URI']);
  const encryption = loadEncryptionSettings(process.env);
  const logger = createLogger('hookflow-server', config.logLevel, config.logFormat);
  const ctx = await createServerContext(config, logger, encryption, { tracing });
  const mongo = ctx.store.connection;
  // Indexes are built in the background, retried until the database answers: meanwhile /readyz says 503.
  void buildIndexesWhenReachable(mongo, logger);
  // Checked once Temporal answers; a setting beyond the duplicate window stops the server like a bad variable.
  void guardDuplicateWindow(ctx).catch((error: unknown) => {
    logger.fatal({ err: error }, 'invalid configuration');
    console.error(error instanceof HookflowError ? `hookflow-server: ${error.message}` : error);
    process.exit(1);
  });
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
  const metrics = await serveServerMetrics(ctx);

  const shutdown = () => {
    logger.info('shutting down');
    server.close(() => {
      // Buffered delivery-log entries are written before the database connection goes.
      void closeWebhooks(ctx)
        .then(() =>
          Promise.allSettled([mongo.close(), ctx.temporal.connection.close(), metrics?.close(), tracing?.shutdown()]),
        )
        .then(() => process.exit(0));
    });
    // Keep-alive connections must not hold the process forever.
    server.closeIdleConnections();
    setTimeout(() => process.exit(0), 10_000).unref();
  };
  process.once('SIGINT', shutdown);
  process.once('SIGTERM', shutdown);
}

/**
 * Waits for the first connection, then builds the indexes. A database still starting is normal (compose
 * starts everything at once): it is logged quietly at first, as a warning only when it lasts.
 */
async function buildIndexesWhenReachable(mongo: ServerContext['store']['connection'], logger: Logger): Promise<void> {
  const startedAt = Date.now();
  for (let delayMs = 500; ; delayMs = Math.min(delayMs * 2, 30_000)) {
    try {
      await mongo.asPromise();
      await initStore(mongo);
      return;
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      const level = Date.now() - startedAt < 15_000 ? 'debug' : 'warn';
      logger[level]({ reason, retryInMs: delayMs }, 'MongoDB indexes not built yet; retrying');
      await new Promise((resolve) => setTimeout(resolve, delayMs).unref());
    }
  }
}

main().catch((error: unknown) => {
  // Expected start-up failures (configuration, plugins) need no stack trace.
  console.error(error instanceof HookflowError ? `hookflow-server: ${error.message}` : error);
  process.exit(1);
});
