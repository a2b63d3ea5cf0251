import path from 'node:path';
import { DEFAULT_DEV_RETENTION, parseRetention } from '@hookflow/engine';
import { resolveDatabaseBinary } from './binaries/database-server';
import { resolveTemporalCli } from './binaries/temporal-cli';
import { findFreePort } from './network/free-port';
import { ping, startDatabase } from './services/database';
import { startTemporalServer } from './services/temporal-server';

export interface StackOptions {
  /** Root of everything the stack writes (`.hookflow/` for dev, a temporary directory for tests). */
  home: string;
  /** Keep Temporal's state on disk (dev) rather than in memory (tests). */
  persistent: boolean;
  /** Fixed ports (dev); free ports are picked for anything not given (tests). */
  temporalPort?: number;
  /** Temporal Web UI port; omit for a headless server. */
  temporalUiPort?: number;
  databasePort?: number;
  namespace?: string;
  /** `TEMPORAL_ADDRESS` / `MONGODB_URI` from here point the stack at existing services instead. */
  env?: NodeJS.ProcessEnv;
  log?: (line: string) => void;
}

export interface Stack {
  temporalAddress: string;
  temporalUiUrl: string | undefined;
  /** Server address without a database name. */
  mongodbUri: string;
  /** What serves each part: `external`, `temporal-cli`, `ferretdb`, `mongod`. */
  temporalKind: 'external' | 'temporal-cli';
  databaseKind: 'external' | 'ferretdb' | 'mongod';
  stop(): Promise<void>;
}

export async function startStack(options: StackOptions): Promise<Stack> {
  const env = options.env ?? process.env;
  const log = options.log ?? ((line: string) => console.error(line));
  const logs = path.join(options.home, 'logs');
  const retentionSeconds = parseRetention(env.HOOKFLOW_DEV_RETENTION || DEFAULT_DEV_RETENTION);
  if (retentionSeconds === undefined) {
    throw new Error(
      `HOOKFLOW_DEV_RETENTION: expected hours or days such as 720h or 30d, got "${env.HOOKFLOW_DEV_RETENTION}"`,
    );
  }

  // Both binaries may need a cold build; resolving them first keeps the two builds from racing for CPU
  // with the services' start-up.
  const temporalBinary = env.TEMPORAL_ADDRESS ? undefined : await resolveTemporalCli(log);
  const databaseBinary = env.MONGODB_URI ? undefined : await resolveDatabaseBinary(log);

  const [temporal, database] = await Promise.allSettled([
    temporalBinary
      ? startTemporalServer({
          binary: temporalBinary,
          port: options.temporalPort ?? (await findFreePort()),
          ...(options.temporalUiPort === undefined ? {} : { uiPort: options.temporalUiPort }),
          ...(options.persistent ? { dbFile: path.join(options.home, 'temporal', 'temporal.db') } : {}),
          namespace: options.namespace ?? 'default',
          retentionSeconds,
          logFile: path.join(logs, 'temporal.log'),
        })
      : undefined,
    databaseBinary
      ? startDatabase({
          binary: databaseBinary,
          port: options.databasePort ?? (await findFreePort()),
          dataDir: path.join(options.home, databaseBinary.kind),
          logFile: path.join(logs, `${databaseBinary.kind}.log`),
        })
      : undefined,
  ]);
  const temporalValue = temporal.status === 'fulfilled' ? temporal.value : undefined;
  const databaseValue = database.status === 'fulfilled' ? database.value : undefined;
  const stop = async () => {
    await Promise.all([temporalValue?.stop(), databaseValue?.stop()]);
  };
  if (temporal.status === 'rejected' || database.status === 'rejected') {
    await stop();
    throw temporal.status === 'rejected' ? temporal.reason : (database as PromiseRejectedResult).reason;
  }
  if (env.MONGODB_URI) await ping(env.MONGODB_URI);

  return {
    temporalAddress: temporalValue?.address ?? (env.TEMPORAL_ADDRESS as string),
    temporalUiUrl: temporalValue ? temporalValue.uiUrl : env.HOOKFLOW_TEMPORAL_UI_URL,
    mongodbUri: databaseValue?.uri ?? (env.MONGODB_URI as string),
    temporalKind: temporalValue ? 'temporal-cli' : 'external',
    databaseKind: databaseValue ? databaseValue.kind : 'external',
    stop,
  };
}
