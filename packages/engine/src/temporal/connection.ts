import { Client, Connection, type WorkflowClientInterceptor } from '@temporalio/client';
import type { PayloadCodec } from '@temporalio/common';
import { grpc } from '@temporalio/proto';
import type { TemporalTlsSettings } from '../config/config';
import { UnavailableError } from '../errors/engine-errors';
import { diagnoseTemporalConnectionError } from './connection-errors';
import { temporalConnectionOptions, type TemporalConnectionOptions } from './connection-options';

/** The options each client connection was made with, to diagnose a failing TLS handshake. */
const optionsOf = new WeakMap<Connection, TemporalConnectionOptions>();

export interface TemporalSettings {
  temporalAddress: string;
  temporalNamespace: string;
  /** TLS and API key (`TEMPORAL_TLS*`, `TEMPORAL_API_KEY`); plaintext without a key when absent. */
  temporalTls?: TemporalTlsSettings;
  temporalApiKey?: string | undefined;
}

export interface TemporalClientOptions {
  /** Workflow client interceptors, outermost first (tracing, metrics). */
  interceptors?: WorkflowClientInterceptor[];
  /** The payload codec (`HOOKFLOW_PAYLOAD_ENCRYPTION`); workers must use the same. */
  payloadCodec?: PayloadCodec;
}

/**
 * One long-lived connection per process. `lazy` lets a server start (and answer `/readyz` 503) while
 * Temporal is still down; the SDK reconnects by itself once it returns.
 */
export function createTemporalClient(
  settings: TemporalSettings,
  clientOptions: TemporalClientOptions = {},
): { client: Client; connection: Connection } {
  const options = temporalConnectionOptions({
    temporalAddress: settings.temporalAddress,
    temporalTls: settings.temporalTls ?? { enabled: false },
    temporalApiKey: settings.temporalApiKey,
  });
  const connection = Connection.lazy(options);
  optionsOf.set(connection, options);
  const client = new Client({
    connection,
    namespace: settings.temporalNamespace,
    interceptors: { workflow: clientOptions.interceptors ?? [] },
    ...(clientOptions.payloadCodec ? { dataConverter: { payloadCodecs: [clientOptions.payloadCodec] } } : {}),
  });
  return { client, connection };
}

/** Resolves when the frontend reports SERVING within `timeoutMs`; rejects with `UnavailableError` otherwise. */
export async function checkTemporalHealth(connection: Connection, timeoutMs = 2000): Promise<void> {
  try {
    const response = await connection.withDeadline(Date.now() + timeoutMs, () => connection.healthService.check({}));
    if (response.status !== grpc.health.v1.HealthCheckResponse.ServingStatus.SERVING) {
      throw new Error(`health status ${String(response.status)}`);
    }
  } catch (error) {
    const reason = await diagnoseTemporalConnectionError(error, optionsOf.get(connection));
    throw new UnavailableError('temporal', `Temporal is not reachable: ${reason}`, error);
  }
}
