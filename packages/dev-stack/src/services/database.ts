import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { MongoClient } from 'mongodb';
import type { DatabaseBinary } from '../binaries/database-server';
import { startProcess, type ManagedProcess } from './managed-process';
import { waitUntilReady } from './wait';

export interface DatabaseOptions {
  binary: DatabaseBinary;
  port: number;
  dataDir: string;
  logFile: string;
}

export interface RunningDatabase {
  /** Server address without a database name, e.g. mongodb://127.0.0.1:27017 */
  uri: string;
  kind: DatabaseBinary['kind'];
  process: ManagedProcess;
  stop(): Promise<void>;
}

export async function startDatabase(options: DatabaseOptions): Promise<RunningDatabase> {
  await mkdir(options.dataDir, { recursive: true });
  const args =
    options.binary.kind === 'mongod'
      ? ['--bind_ip', '127.0.0.1', '--port', String(options.port), '--dbpath', options.dataDir, '--quiet']
      : ['-listen-addr', `127.0.0.1:${options.port}`, '-data-dir', options.dataDir];
  const process = startProcess({
    name: options.binary.kind,
    command: options.binary.path,
    args,
    logFile: options.logFile,
  });
  const uri = `mongodb://127.0.0.1:${options.port}`;
  try {
    await waitUntilReady(process, () => ping(uri), {
      timeoutMs: 30_000,
      what: options.binary.kind === 'mongod' ? 'mongod' : 'FerretDB',
      logHint: path.relative('.', options.logFile) || options.logFile,
    });
  } catch (error) {
    await process.stop();
    throw error;
  }
  return { uri, kind: options.binary.kind, process, stop: () => process.stop() };
}

export async function ping(uri: string): Promise<void> {
  const client = new MongoClient(uri, { serverSelectionTimeoutMS: 1000, connectTimeoutMS: 1000 });
  try {
    await client.db('admin').command({ ping: 1 });
  } finally {
    await client.close();
  }
}
