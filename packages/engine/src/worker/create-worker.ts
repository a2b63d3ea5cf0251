import { existsSync } from 'node:fs';
import path from 'node:path';
import { NativeConnection, Worker, type ActivityInterceptorsFactory, type WorkerOptions } from '@temporalio/worker';
import type { PayloadCodec } from '@temporalio/common';
import type { Logger } from 'pino';
import { createNodeActivities } from '../activities/execute-node';
import type { TemporalTlsSettings } from '../config/config';
import type { CredentialResolver } from '../credentials/credential-resolver';
import type { PluginRegistry } from '../plugins/plugin-registry';
import { diagnoseTemporalConnectionError } from '../temporal/connection-errors';
import { describeTemporalSecurity, temporalConnectionOptions } from '../temporal/connection-options';
import { UnavailableError } from '../errors/engine-errors';
import type { Tracing } from '../telemetry/tracing';
import { tracingWorkerOptions } from '../telemetry/worker-tracing';

export interface HookflowWorkerSettings {
  temporalAddress: string;
  temporalNamespace: string;
  taskQueue: string;
  /** TLS and API key (`TEMPORAL_TLS*`, `TEMPORAL_API_KEY`); plaintext without a key when absent. */
  temporalTls?: TemporalTlsSettings;
  temporalApiKey?: string | undefined;
}

/** Where the build writes the workflow bundle (`npm run build`); bundling at start-up costs seconds. */
export const WORKFLOW_BUNDLE_PATH = path.resolve(__dirname, '..', '..', 'dist', 'workflow-bundle.js');
/** The same workflows with Temporal's OpenTelemetry workflow interceptors, for workers with tracing on. */
export const TRACED_WORKFLOW_BUNDLE_PATH = path.resolve(__dirname, '..', '..', 'dist', 'workflow-bundle-traced.js');
const TRACING_INTERCEPTORS = '@temporalio/interceptors-opentelemetry/lib/workflow-interceptors';

export function workflowSource(
  traced = false,
): Pick<WorkerOptions, 'workflowBundle' | 'workflowsPath' | 'interceptors'> {
  const bundle = traced ? TRACED_WORKFLOW_BUNDLE_PATH : WORKFLOW_BUNDLE_PATH;
  if (existsSync(bundle)) return { workflowBundle: { codePath: bundle } };
  return {
    workflowsPath: require.resolve('../interpreter'),
    ...(traced ? { interceptors: { workflowModules: [require.resolve(TRACING_INTERCEPTORS)] } } : {}),
  };
}

export interface CreateWorkerOptions {
  settings: HookflowWorkerSettings;
  registry: PluginRegistry;
  logger: Logger;
  /** Where nodes' credentials come from (MongoDB); without it a node with a credential fails. */
  credentials?: CredentialResolver;
  /** The payload codec (`HOOKFLOW_PAYLOAD_ENCRYPTION`); the client that starts runs must use the same. */
  payloadCodec?: PayloadCodec;
  /** Reuse a connection (tests); otherwise one is opened and returned. */
  connection?: NativeConnection;
  /** Activity interceptors (metrics, tracing), outermost first. */
  activityInterceptors?: ActivityInterceptorsFactory[];
  /** Traces workflows and activities (Temporal's OpenTelemetry interceptors) into this tracing setup. */
  tracing?: Tracing;
  /** Extra worker options, e.g. tuning in benchmarks or tests. */
  overrides?: Partial<WorkerOptions>;
}

export async function createHookflowWorker(
  options: CreateWorkerOptions,
): Promise<{ worker: Worker; connection: NativeConnection }> {
  const { settings } = options;
  const connection = options.connection ?? (await connectToTemporal(settings));
  const worker = await Worker.create({
    connection,
    namespace: settings.temporalNamespace,
    taskQueue: settings.taskQueue,
    ...workflowSource(options.tracing !== undefined),
    activities: { ...createNodeActivities(options.registry, options.logger, options.credentials) },
    ...workerTelemetry(options),
    ...(options.payloadCodec ? { dataConverter: { payloadCodecs: [options.payloadCodec] } } : {}),
    // On SIGTERM, running activities get this long to finish before they are cancelled (and retried
    // elsewhere); compose stops containers after 60 s.
    shutdownGraceTime: '30s',
    ...options.overrides,
  });
  return { worker, connection };
}

/** Connects eagerly (a worker has nothing to do without Temporal); a failure names its likely cause. */
async function connectToTemporal(settings: HookflowWorkerSettings): Promise<NativeConnection> {
  const options = temporalConnectionOptions({
    temporalAddress: settings.temporalAddress,
    temporalTls: settings.temporalTls ?? { enabled: false },
    temporalApiKey: settings.temporalApiKey,
  });
  try {
    return await NativeConnection.connect(options);
  } catch (error) {
    throw new UnavailableError(
      'temporal',
      `cannot connect to Temporal at ${settings.temporalAddress} (${describeTemporalSecurity(options)}): ` +
        (await diagnoseTemporalConnectionError(error, options)),
      error,
    );
  }
}

/** Interceptors and sinks: tracing outermost (its span covers the attempt), then the caller's (metrics). */
function workerTelemetry(options: CreateWorkerOptions): Pick<WorkerOptions, 'interceptors' | 'sinks'> {
  const traced = options.tracing ? tracingWorkerOptions(options.tracing) : undefined;
  const { workflowModules } = workflowSource(options.tracing !== undefined).interceptors ?? {};
  return {
    interceptors: {
      activity: [...(traced?.activityInterceptors ?? []), ...(options.activityInterceptors ?? [])],
      ...(workflowModules ? { workflowModules } : {}),
    },
    ...(traced ? { sinks: traced.sinks } : {}),
  };
}
