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
  // Mongoose wraps server selection failures, and refuses commands outright while a connection created with
  // `bufferCommands: false` is not open yet.
  return (
    error.name === 'MongooseServerSelectionError' || error.message.includes('before initial connection is complete')
  );
}

/**
 * Runs one store operation and turns "the database cannot be reached" into `UnavailableError` (code
 * `unavailable`, answered 503 with Retry-After), so callers need not know driver error classes.
 */
export async function withMongoErrors<T>(operation: () => Promise<T>): Promise<T> {
  try {
    return await operation();
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
