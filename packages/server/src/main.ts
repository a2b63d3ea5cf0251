// First: tracing instruments Express and `http` as they load.
import { tracing } from './tracing-register';
import { createLogger, initStore, loadConfig, loadEncryptionSettings, type Logger } from '@hookflow/engine';
import { HookflowError } from '@hookflow/sdk';
import { createApp } from './app';
import { serveServerMetrics } from './metrics/serve-metrics';
import { createServerContext, type ServerContext } from './server-context';
import { guardDuplicateWindow } from './startup/duplicate-window-guard';
import { closeWebhooks } from './webhooks';

/** How long requests in flight may take to finish at shutdown (their own deadlines are 4-5 s). */
const DRAIN_MS = 5_000;
/** How long the delivery log may take to be written out at shutdown, after the requests. */
const FLUSH_MS = 4_000;

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

  const shutdown = async () => {
    logger.info('shutting down');
    // Requests in flight get DRAIN_MS to finish (and record their deliveries); a client holding its connection
    // longer is cut off. The delivery log is then written out with a bounded wait, whatever the clients do:
    // waiting for every connection to close first let a held one run into the hard exit, dropping the
    // buffered entries without a word.
    const closed = new Promise<void>((resolve) => server.close(() => resolve()));
    server.closeIdleConnections();
    await Promise.race([closed, new Promise((resolve) => setTimeout(resolve, DRAIN_MS).unref())]);
    server.closeAllConnections();
    // Logs how many entries could not be written, if any (the database down for the whole wait).
    await closeWebhooks(ctx, FLUSH_MS);
    // Closing a connection to a stalled database would wait for it: a second at most.
    await Promise.race([
      Promise.allSettled([mongo.close(), ctx.temporal.connection.close(), metrics?.close(), tracing?.shutdown()]),
      new Promise((resolve) => setTimeout(resolve, 1_000).unref()),
    ]);
    process.exit(0);
  };
  const onSignal = () => {
    // Within the 15 s Docker Compose and Kubernetes give after SIGTERM, whatever hangs.
    setTimeout(
      () => {
        logger.error('shutdown did not finish in time; exiting');
        process.exit(1);
      },
      DRAIN_MS + FLUSH_MS + 3_000,
    ).unref();
    void shutdown();
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
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
