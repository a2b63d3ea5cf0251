// First: tracing instruments modules as they load.
import { tracing } from './tracing-register';
import type { Worker } from '@temporalio/worker';
import { loadConfig } from '../config/config';
import { HookflowError } from '@hookflow/sdk';
import { CredentialResolver } from '../credentials/credential-resolver';
import { loadEncryptionSettings } from '../crypto/encryption-config';
import { createLogger } from '../logging/logger';
import { loadPlugins } from '../plugins/load-plugins';
import { createMongoConnection } from '../store/connection';
import { createStore } from '../store/create-store';
import { startMetricsEndpoint, type MetricsEndpoint } from '../telemetry/metrics-endpoint';
import { workerHealth } from '../telemetry/worker-health';
import { createWorkerMetrics } from '../telemetry/worker-metrics';
import { EncryptionPayloadCodec } from '../temporal/payload-codec';
import { installTemporalRuntime } from '../temporal/temporal-runtime';
import { createHookflowWorker } from './create-worker';

/**
 * Worker process entry point. The Temporal runtime turns SIGINT/SIGTERM into a graceful shutdown:
 * polling stops, running activities finish or are cancelled, then `run()` resolves.
 */
async function main(): Promise<void> {
  // MongoDB: nodes' credentials are read there, inside the activity that uses them.
  const config = loadConfig(process.env, ['MONGODB_URI']);
  const encryption = loadEncryptionSettings(process.env);
  const logger = createLogger('hookflow-worker', config.logLevel, config.logFormat);
  const registry = await loadPlugins(config.plugins);
  const metrics =
    config.metrics.workerPort === undefined
      ? undefined
      : await createWorkerMetrics((type) => registry.actionNode(type) !== undefined);
  installTemporalRuntime({
    logger,
    logLevel: config.logLevel === 'debug' || config.logLevel === 'trace' ? 'DEBUG' : 'WARN',
    ...(metrics ? { prometheusBindAddress: metrics.sdkBindAddress } : {}),
  });

  const running: { worker?: Worker } = {};
  let endpoint: MetricsEndpoint | undefined;
  if (metrics && config.metrics.workerPort !== undefined) {
    // Listening before the worker connects: `/healthz` says "starting" (503) rather than refusing connections.
    endpoint = await startMetricsEndpoint({
      host: config.metrics.host,
      port: config.metrics.workerPort,
      render: () => metrics.render(),
      health: () => workerHealth(running.worker),
      logger,
    });
    logger.info({ host: config.metrics.host, port: endpoint.port }, 'worker metrics and /healthz listening');
  }

  const mongo = createMongoConnection(config.mongodbUri as string, { logger });
  const store = createStore(mongo, { keyRing: encryption.keyRing });
  const created = await createHookflowWorker({
    settings: config,
    registry,
    logger,
    activityInterceptors: metrics ? [metrics.interceptor] : [],
    ...(tracing ? { tracing } : {}),
    credentials: new CredentialResolver(store.credentials),
    payloadCodec: new EncryptionPayloadCodec(encryption.keyRing, encryption.payloadEncryption),
  });
  const { worker } = created;
  running.worker = worker;
  logger.info(
    {
      taskQueue: config.taskQueue,
      namespace: config.temporalNamespace,
      temporal: config.temporalAddress,
      nodeTypes: registry.listNodeTypes().map((n) => n.type),
      payloadEncryption: encryption.payloadEncryption,
      encryptionKeyId: encryption.keyRing.currentKeyId ?? null,
    },
    'worker started',
  );
  try {
    await worker.run();
  } finally {
    await Promise.allSettled([created.connection.close(), mongo.close()]);
    await endpoint?.close();
    // Spans still buffered are exported before the process exits.
    await tracing?.shutdown();
    logger.info('worker stopped');
  }
}

main().catch((error: unknown) => {
  // Expected start-up failures (configuration, plugins, an unreachable or refusing Temporal) need no stack trace.
  if (error instanceof HookflowError) console.error(`hookflow-worker: ${error.message}`);
  else console.error('hookflow-worker failed:', error);
  process.exit(1);
});
