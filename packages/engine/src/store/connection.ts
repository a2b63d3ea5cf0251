import mongoose, { type Connection } from 'mongoose';
import { UnavailableError } from '../errors/engine-errors';

/**
 * Opens a dedicated mongoose connection. Commands are not buffered: while the database is down an
 * operation fails within the server-selection timeout, so callers can answer 503 instead of hanging.
 */
export function createMongoConnection(
  uri: string,
  options: { dbName?: string; serverSelectionTimeoutMS?: number } = {},
): Connection {
  const connection = mongoose.createConnection(uri, {
    ...(options.dbName ? { dbName: options.dbName } : {}),
    serverSelectionTimeoutMS: options.serverSelectionTimeoutMS ?? 3000,
    bufferCommands: false,
    autoIndex: true,
  });
  // The initial connect may fail while the database is still starting; the driver keeps monitoring and
  // later operations reconnect, so a failed first attempt is reported by readiness, not thrown here.
  connection.on('error', () => undefined);
  return connection;
}

export async function checkMongoHealth(connection: Connection): Promise<void> {
  try {
    const client = connection.getClient();
    await client.db('admin').command({ ping: 1 });
  } catch (error) {
    throw new UnavailableError(
      'mongodb',
      `MongoDB is not reachable: ${error instanceof Error ? error.message : String(error)}`,
      error,
    );
  }
}
