import { Client, Connection } from '@temporalio/client';
import type { PayloadCodec } from '@temporalio/common';
import { grpc } from '@temporalio/proto';
import { UnavailableError } from '../errors/hookflow-error';

export interface TemporalSettings {
  temporalAddress: string;
  temporalNamespace: string;
}

/**
 * One long-lived connection per process. `lazy` lets a server start (and answer `/readyz` 503) while
 * Temporal is still down; the SDK reconnects by itself once it returns.
 */
export function createTemporalClient(
  settings: TemporalSettings,
  options: { payloadCodec?: PayloadCodec } = {},
): { client: Client; connection: Connection } {
  const connection = Connection.lazy({ address: settings.temporalAddress });
  const dataConverter = options.payloadCodec ? { dataConverter: { payloadCodecs: [options.payloadCodec] } } : {};
  return { client: new Client({ connection, namespace: settings.temporalNamespace, ...dataConverter }), connection };
}

/** Resolves when the frontend reports SERVING within `timeoutMs`; rejects with `UnavailableError` otherwise. */
export async function checkTemporalHealth(connection: Connection, timeoutMs = 2000): Promise<void> {
  try {
    const response = await connection.withDeadline(Date.now() + timeoutMs, () => connection.healthService.check({}));
    if (response.status !== grpc.health.v1.HealthCheckResponse.ServingStatus.SERVING) {
      throw new Error(`health status ${String(response.status)}`);
    }
  } catch (error) {
    throw new UnavailableError('temporal', `Temporal is not reachable: ${messageOf(error)}`, error);
  }
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
