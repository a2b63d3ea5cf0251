import { isGrpcServiceError, ServiceError } from '@temporalio/client';
import { UnavailableError } from '../errors/engine-errors';

/** gRPC status codes that mean "could not reach the service in time": CANCELLED, DEADLINE_EXCEEDED, UNAVAILABLE. */
const INFRASTRUCTURE_CODES = new Set<number>([1, 4, 14]);

/** True when a client call failed because Temporal could not be reached in time (not because it said no). */
export function isTemporalUnreachable(error: unknown): boolean {
  if (isGrpcServiceError(error)) return INFRASTRUCTURE_CODES.has(error.code);
  if (error instanceof ServiceError) return error.cause === undefined || isTemporalUnreachable(error.cause);
  return error instanceof Error && /deadline|timed? ?out|ECONNREFUSED|connect/i.test(error.message);
}

/** Runs a client call with a deadline; an unreachable Temporal becomes a typed `unavailable` error. */
export async function callTemporal<T>(what: string, call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    if (isTemporalUnreachable(error)) {
      throw new UnavailableError('temporal', `Temporal is unreachable (${what})`, error);
    }
    throw error;
  }
}
