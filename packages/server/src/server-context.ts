import type { Client, Connection } from '@temporalio/client';
import {
  checkMongoHealth,
  checkTemporalHealth,
  createMongoConnection,
  createStore,
  createTemporalClient,
  EncryptionPayloadCodec,
  loadPlugins,
  type EncryptionSettings,
  type HookflowConfig,
  type HookflowStore,
  type Logger,
  type PluginRegistry,
  type Tracing,
  tracingClientInterceptors,
  type WorkflowDefinition,
} from '@hookflow/engine';
import { AdminChanges } from './changes/admin-changes';
import type { ComponentCheck } from './health/readiness';
import { ServerMetrics } from './metrics/server-metrics';

/** Everything a route or service of the server may use; built once by `createServerContext`. */
export interface ServerContext {
  config: HookflowConfig;
  logger: Logger;
  store: HookflowStore<WorkflowDefinition>;
  temporal: { client: Client; connection: Connection };
  registry: PluginRegistry;
  /** The key ring of credentials and of the payload codec. */
  encryption: EncryptionSettings;
  /** The codec on the Temporal client; the codec endpoint serves the Temporal UI with it. */
  payloadCodec: EncryptionPayloadCodec;
  /** Admin writes announce what they changed; caches of this instance listen. */
  changes: AdminChanges;
  /** Dependency checks behind `/readyz`, by component name. */
  readiness: Record<string, ComponentCheck>;
  /** Counters and histograms served on `HOOKFLOW_METRICS_PORT` (kept even when nobody scrapes them). */
  metrics: ServerMetrics;
}

/**
 * Loads the plugins and opens the long-lived MongoDB and Temporal connections (both lazy: the server
 * starts, and answers `/readyz` 503, while either is still down). Shared by `main.ts` and the tests.
 */
export async function createServerContext(
  config: HookflowConfig,
  logger: Logger,
  encryption: EncryptionSettings,
  options: { tracing?: Tracing | undefined } = {},
): Promise<ServerContext> {
  const registry = await loadPlugins(config.plugins);
  const mongo = createMongoConnection(config.mongodbUri as string, { logger });
  const metrics = new ServerMetrics((type) => registry.trigger(type) !== undefined);
  const payloadCodec = new EncryptionPayloadCodec(encryption.keyRing, encryption.payloadEncryption);
  // Tracing outermost: the start span includes the time the metrics measure.
  const temporal = createTemporalClient(config, {
    interceptors: [...tracingClientInterceptors(options.tracing), metrics.startInterceptor()],
    payloadCodec,
  });
  return {
    config,
    logger,
    store: createStore<WorkflowDefinition>(mongo, { keyRing: encryption.keyRing }),
    temporal,
    registry,
    encryption,
    payloadCodec,
    changes: new AdminChanges(),
    readiness: {
      mongodb: () => checkMongoHealth(mongo),
      temporal: () => checkTemporalHealth(temporal.connection),
    },
    metrics,
  };
}
