import path from 'node:path';
import {
  findFreePort,
  resolveDatabaseBinary,
  resolveTemporalCli,
  startDatabase,
  startTemporalServer,
  type RunningDatabase,
  type RunningTemporal,
} from '@hookflow/dev-stack';

type TemporalOptions = Parameters<typeof startTemporalServer>[0];
type DatabaseOptions = Parameters<typeof startDatabase>[0];

/** The two services a fault can stop or stall. */
export type ServiceName = 'temporal' | 'database';

/**
 * Temporal and the database as the dev stack starts them, on fixed free ports so that a restarted service is
 * found at the same address by processes that never restarted. Temporal keeps its state in a SQLite file (not
 * in memory): runs accepted before a stop must still be there after it.
 */
export class Infrastructure {
  private temporal: RunningTemporal | undefined;
  private database: RunningDatabase | undefined;

  private constructor(
    private readonly temporalOptions: TemporalOptions,
    private readonly databaseOptions: DatabaseOptions,
  ) {}

  static async start(home: string, log: (line: string) => void): Promise<Infrastructure> {
    const temporalOptions: TemporalOptions = {
      binary: await resolveTemporalCli(log),
      port: await findFreePort(),
      dbFile: path.join(home, 'temporal', 'temporal.db'),
      namespace: 'default',
      logFile: path.join(home, 'logs', 'temporal.log'),
    };
    const databaseBinary = await resolveDatabaseBinary(log);
    const databaseOptions: DatabaseOptions = {
      binary: databaseBinary,
      port: await findFreePort(),
      dataDir: path.join(home, databaseBinary.kind),
      logFile: path.join(home, 'logs', `${databaseBinary.kind}.log`),
    };
    const infrastructure = new Infrastructure(temporalOptions, databaseOptions);
    await Promise.all([infrastructure.startService('temporal'), infrastructure.startService('database')]);
    return infrastructure;
  }

  get temporalAddress(): string {
    return `127.0.0.1:${this.temporalOptions.port}`;
  }

  /** Server address without a database name. */
  get mongodbUri(): string {
    return `mongodb://127.0.0.1:${this.databaseOptions.port}`;
  }

  get databaseKind(): string {
    return this.databaseOptions.binary.kind;
  }

  /** Starts the service (again) and resolves once it answers. */
  async startService(service: ServiceName): Promise<void> {
    if (service === 'temporal') this.temporal = await startTemporalServer(this.temporalOptions);
    else this.database = await startDatabase(this.databaseOptions);
  }

  /** Stops the service as an operator or an orchestrator would: SIGTERM, SIGKILL after a grace period. */
  async stopService(service: ServiceName, graceMs = 5_000): Promise<void> {
    const running = service === 'temporal' ? this.temporal : this.database;
    await running?.process.stop(graceMs);
    if (service === 'temporal') this.temporal = undefined;
    else this.database = undefined;
  }

  /**
   * SIGSTOP: the process keeps its sockets open and the kernel keeps accepting connections, but nothing
   * answers, which is what a hung host or a full disk looks like to a client (unlike a stop, which refuses).
   */
  stall(service: ServiceName): void {
    process.kill(this.pidOf(service), 'SIGSTOP');
  }

  resume(service: ServiceName): void {
    process.kill(this.pidOf(service), 'SIGCONT');
  }

  async stop(): Promise<void> {
    // A stalled process ignores SIGTERM until it is continued.
    for (const service of ['temporal', 'database'] as const) {
      try {
        this.resume(service);
      } catch {
        // not running
      }
    }
    await Promise.all([this.stopService('temporal'), this.stopService('database')]);
  }

  private pidOf(service: ServiceName): number {
    const running = service === 'temporal' ? this.temporal : this.database;
    if (!running || running.process.hasExited()) throw new Error(`${service} is not running`);
    return running.process.pid;
  }
}
