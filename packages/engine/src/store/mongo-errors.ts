import { mongo } from 'mongoose';
import { UnavailableError } from '../errors/engine-errors';

/**
 * E11000: a unique index refused the write. Unique indexes are the store's only concurrency guard: FerretDB
 * applies an update as read-then-replace-whole-document, so conditional updates and `$inc` are not atomic there.
 */
export function isDuplicateKeyError(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false;
  if ('code' in error && error.code === 11000) return true;
  // insertMany reports the failures of its documents under `writeErrors`.
  if ('writeErrors' in error && Array.isArray(error.writeErrors)) {
    return error.writeErrors.some((writeError: unknown) => isDuplicateKeyError(writeError));
  }
  return false;
}

/**
 * Socket failures the driver may pass on unwrapped (as a plain Node error, not a `MongoNetworkError`) when the
 * database goes away mid-command, e.g. "This socket has been ended by the other party" (EPIPE) while it stops.
 */
const SOCKET_ERROR_CODES = new Set([
  'EPIPE',
  'ECONNRESET',
  'ECONNREFUSED',
  'ECONNABORTED',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
]);

function isConnectivityError(error: unknown): boolean {
  if (
    error instanceof mongo.MongoNetworkError ||
    error instanceof mongo.MongoServerSelectionError ||
    error instanceof mongo.MongoNotConnectedError ||
    error instanceof mongo.MongoTopologyClosedError
  ) {
    return true;
  }
  if (!(error instanceof Error)) return false;
  if ('code' in error && typeof error.code === 'string' && SOCKET_ERROR_CODES.has(error.code)) return true;
  // Mongoose wraps server selection failures, and refuses commands outright while a connection created with
  // `bufferCommands: false` is not open yet.
  // A full pool (every connection busy past waitQueueTimeoutMS) is not exported by the driver under a class.
  return (
    error.name === 'MongooseServerSelectionError' ||
    error.name === 'MongoWaitQueueTimeoutError' ||
    error.message.includes('before initial connection is complete')
  );
}

/**
 * Longest a store call may take before it is answered `unavailable` (503). The driver's own timeouts bound
 * each network round trip, but it retries a read once and may wait for server selection in between, so only
 * a deadline around the whole call keeps a stalled database from holding a request past 5 s.
 */
export const MONGO_DEADLINE_MS = 4000;

/**
 * Runs one store operation and turns "the database cannot be reached" or "did not answer within
 * `deadlineMs`" (default `MONGO_DEADLINE_MS`; `null`: no deadline, for index builds) into `UnavailableError`
 * (code `unavailable`, answered 503 with Retry-After), so callers need not know driver error classes.
 */
export async function withMongoErrors<T>(
  operation: () => Promise<T>,
  options: { deadlineMs?: number | null } = {},
): Promise<T> {
  const deadlineMs = options.deadlineMs === undefined ? MONGO_DEADLINE_MS : options.deadlineMs;
  try {
    return deadlineMs === null ? await operation() : await withinDeadline(operation(), deadlineMs);
  } catch (error) {
    if (isConnectivityError(error)) {
      throw new UnavailableError(
        'mongodb',
        `MongoDB is not reachable: ${error instanceof Error ? error.message : String(error)}`,
        error,
      );
    }
    throw error;
  }
}

/** `running`, or `UnavailableError` after `deadlineMs`; the abandoned call ends on the driver's socket timeout. */
export function withinDeadline<T>(running: Promise<T>, deadlineMs: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const expired = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => {
      running.catch(() => undefined);
      reject(new UnavailableError('mongodb', `MongoDB did not answer within ${deadlineMs} ms`));
    }, deadlineMs);
  });
  return Promise.race([running, expired]).finally(() => clearTimeout(timer));
}
