import mongoose, { type ConnectOptions, type Connection } from 'mongoose';
import type { Logger } from 'pino';
import { UnavailableError } from '../errors/engine-errors';
import { ConnectionWatchdog } from './connection-watchdog';
import { MONGO_DEADLINE_MS, withinDeadline } from './mongo-errors';

/**
 * Time limits of the driver. A stalled database (a paused process, a half-open connection) accepts TCP but
 * never answers: without a socket timeout a call, and the pooled connection it holds, would wait forever.
 * Store calls also carry a deadline of their own (`MONGO_DEADLINE_MS`), which is what bounds a request.
 */
export const MONGO_TIMEOUTS_MS = { serverSelection: 3000, connect: 3000, socket: 4000, checkout: 3000 } as const;

/**
 * Opens a dedicated mongoose connection. Commands are not buffered: while the database is down an
 * operation fails within the server-selection timeout, so callers can answer 503 instead of hanging.
 * `connectTimeoutMS` / `socketTimeoutMS` in `MONGODB_URI` replace the defaults (a database whose normal
 * operations take longer), as the driver documents them.
 */
export function createMongoConnection(
  uri: string,
  options: { dbName?: string; serverSelectionTimeoutMS?: number; logger?: Logger | undefined } = {},
): Connection {
  const inUri = uriOptionNames(uri);
  // A fresh object per open: mongoose removes the options it handles itself from the one it is given.
  const connectOptions = (): ConnectOptions => ({
    ...(options.dbName ? { dbName: options.dbName } : {}),
    serverSelectionTimeoutMS: options.serverSelectionTimeoutMS ?? MONGO_TIMEOUTS_MS.serverSelection,
    // Options given here would override the URI's: only set what the operator did not.
    ...(inUri.has('connecttimeoutms') ? {} : { connectTimeoutMS: MONGO_TIMEOUTS_MS.connect }),
    ...(inUri.has('sockettimeoutms') ? {} : { socketTimeoutMS: MONGO_TIMEOUTS_MS.socket }),
    // An operation waiting for a pooled connection gives up (503) instead of queueing forever behind a full
    // pool; closing the client also waits for one (to end its sessions) and must not hang either.
    ...(inUri.has('waitqueuetimeoutms') ? {} : { waitQueueTimeoutMS: MONGO_TIMEOUTS_MS.checkout }),
    bufferCommands: false,
    autoIndex: true,
  });
  const connection = mongoose.createConnection(uri, connectOptions());
  // The initial connect may fail while the database is still starting; the watchdog opens the connection
  // again, so a failed first attempt is reported by readiness, not thrown here.
  connection.on('error', () => undefined);
  new ConnectionWatchdog(connection, {
    reopen: () => connection.openUri(uri, connectOptions()),
    logger: options.logger,
  });
  return connection;
}

/** Lower-cased names of the options in a connection string's query (the driver reads them case-insensitively). */
function uriOptionNames(uri: string): Set<string> {
  const query = uri.split('?')[1] ?? '';
  return new Set(
    query
      .split('&')
      .map((pair) => pair.split('=')[0]!.toLowerCase())
      .filter(Boolean),
  );
}

export async function checkMongoHealth(connection: Connection): Promise<void> {
  try {
    const client = connection.getClient();
    await withinDeadline(client.db('admin').command({ ping: 1 }), MONGO_DEADLINE_MS);
  } catch (error) {
    if (error instanceof UnavailableError) throw error;
    throw new UnavailableError(
      'mongodb',
      `MongoDB is not reachable: ${error instanceof Error ? error.message : String(error)}`,
      error,
    );
  }
}
