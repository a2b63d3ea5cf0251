import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { Connection } from '@temporalio/client';
import {
  checkTemporalHealth,
  DEFAULT_DEV_RETENTION,
  parseRetention,
  SEARCH_ATTRIBUTE_TYPES,
  setNamespaceRetention,
} from '@hookflow/engine';
import { startProcess, type ManagedProcess } from './managed-process';
import { waitUntilReady } from './wait';

export interface TemporalServerOptions {
  binary: string;
  port: number;
  /** Web UI port; omitted runs headless (tests). */
  uiPort?: number;
  /** SQLite file for persistent state; omitted keeps everything in memory (tests). */
  dbFile?: string;
  namespace: string;
  /**
   * Retention of closed runs in the namespace: how long a delivery key is recognised as a duplicate
   * (default `DEFAULT_DEV_RETENTION`, 30 days).
   */
  retentionSeconds?: number;
  logFile: string;
}

export interface RunningTemporal {
  address: string;
  uiUrl: string | undefined;
  process: ManagedProcess;
  stop(): Promise<void>;
}

export async function startTemporalServer(options: TemporalServerOptions): Promise<RunningTemporal> {
  const args = ['server', 'start-dev', '--ip', '127.0.0.1', '--port', String(options.port), '--log-level', 'warn'];
  if (options.namespace !== 'default') args.push('--namespace', options.namespace);
  for (const [name, type] of Object.entries(SEARCH_ATTRIBUTE_TYPES)) args.push('--search-attribute', `${name}=${type}`);
  if (options.dbFile) {
    await mkdir(path.dirname(options.dbFile), { recursive: true });
    // WAL with synchronous=NORMAL: crash-safe for a dev store and several times faster than the default.
    args.push(
      '--db-filename',
      options.dbFile,
      '--sqlite-pragma',
      'journal_mode=wal',
      '--sqlite-pragma',
      'synchronous=normal',
    );
  }
  if (options.uiPort === undefined) args.push('--headless');
  else args.push('--ui-ip', '127.0.0.1', '--ui-port', String(options.uiPort));

  const address = `127.0.0.1:${options.port}`;
  const process = startProcess({ name: 'temporal', command: options.binary, args, logFile: options.logFile });
  try {
    await waitUntilReady(process, () => probeTemporal(address, options.namespace), {
      timeoutMs: 60_000,
      what: 'Temporal dev server',
      logHint: path.relative('.', options.logFile) || options.logFile,
    });
    // `start-dev` creates its namespaces with 24 h and has no flag for it; set on every start, so a
    // persistent dev store made by an older version gets it too.
    const connection = await Connection.connect({ address, connectTimeout: 5000 });
    try {
      await setNamespaceRetention(
        connection,
        options.namespace,
        options.retentionSeconds ?? (parseRetention(DEFAULT_DEV_RETENTION) as number),
      );
    } finally {
      await connection.close();
    }
  } catch (error) {
    await process.stop();
    throw error;
  }
  return {
    address,
    uiUrl: options.uiPort === undefined ? undefined : `http://localhost:${options.uiPort}`,
    process,
    stop: () => process.stop(),
  };
}

/** SERVING, and our search attributes registered: a run started right after must be able to set them. */
async function probeTemporal(address: string, namespace: string): Promise<void> {
  const connection = await Connection.connect({ address, connectTimeout: 1000 });
  try {
    await checkTemporalHealth(connection);
    const { customAttributes } = await connection.operatorService.listSearchAttributes({ namespace });
    const missing = Object.keys(SEARCH_ATTRIBUTE_TYPES).filter((name) => !customAttributes?.[name]);
    if (missing.length > 0) throw new Error(`search attributes not yet registered: ${missing.join(', ')}`);
  } finally {
    await connection.close();
  }
}
