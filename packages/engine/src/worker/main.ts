import { loadConfig } from '../config/config';
import { CredentialResolver } from '../credentials/credential-resolver';
import { loadEncryptionSettings } from '../crypto/encryption-config';
import { ConfigError } from '../errors/hookflow-error';
import { createLogger } from '../logging/logger';
import { loadPlugins } from '../plugins/load-plugins';
import { PluginLoadError } from '../plugins/plugin-registry';
import { createMongoConnection } from '../store/connection';
import { createStore } from '../store/create-store';
import { EncryptionPayloadCodec } from '../temporal/payload-codec';
import { installTemporalRuntimeLogging } from '../temporal/runtime-logging';
import { createHookflowWorker } from './create-worker';

/**
 * Worker process entry point. The Temporal runtime turns SIGINT/SIGTERM into a graceful shutdown:
 * polling stops, running activities finish or are cancelled, then `run()` resolves.
 */
async function main(): Promise<void> {
  // MongoDB: nodes' credentials are read there, inside the activity that uses them (SPEC §12).
  const config = loadConfig(process.env, ['MONGODB_URI']);
  const encryption = loadEncryptionSettings(process.env);
  const logger = createLogger('hookflow-worker', config.logLevel);
  installTemporalRuntimeLogging(logger, config.logLevel === 'debug' || config.logLevel === 'trace' ? 'DEBUG' : 'WARN');
  const registry = await loadPlugins(config.plugins);
  const mongo = createMongoConnection(config.mongodbUri as string);
  const store = createStore(mongo, { keyRing: encryption.keyRing });
  const { worker, connection } = await createHookflowWorker({
    settings: config,
    registry,
    logger,
    credentials: new CredentialResolver(store.credentials),
    payloadCodec: new EncryptionPayloadCodec(encryption.keyRing, encryption.payloadEncryption),
  });
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
    await Promise.allSettled([connection.close(), mongo.close()]);
    logger.info('worker stopped');
  }
}

main().catch((error: unknown) => {
  if (error instanceof ConfigError || error instanceof PluginLoadError) console.error(error.message);
  else console.error('hookflow-worker failed:', error);
  process.exit(1);
});
