import type { Connection } from 'mongoose';
import { testStack, uniqueName } from '@hookflow/dev-stack/testing';
import { createMongoConnection } from '../../src/store/connection';
import { initStore } from '../../src/store';

/** A fresh database on the test stack for one test file, with the store's indexes built. */
export async function openTestDatabase(prefix: string): Promise<Connection> {
  const connection = createMongoConnection(testStack().mongodbUri, { dbName: uniqueName(prefix) });
  await connection.asPromise();
  await initStore(connection);
  return connection;
}

export async function dropTestDatabase(connection: Connection | undefined): Promise<void> {
  if (!connection) return;
  await connection.dropDatabase();
  await connection.close();
}
