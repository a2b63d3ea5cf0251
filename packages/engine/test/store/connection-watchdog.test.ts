import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Schema, type Connection } from 'mongoose';
import pino from 'pino';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { findFreePort, resolveDatabaseBinary, startDatabase, type RunningDatabase } from '@hookflow/dev-stack';
import { checkMongoHealth, createMongoConnection } from '../../src/store/connection';

/**
 * A database of its own (the shared test database must not be stopped), restarted on the same port as an
 * operator would. Short driver timeouts in the URI keep the watchdog's limits (derived from them) at seconds.
 */
class OwnDatabase {
  private running: RunningDatabase | undefined;
  private constructor(
    private readonly options: Parameters<typeof startDatabase>[0],
    readonly home: string,
  ) {}

  static async create(): Promise<OwnDatabase> {
    const home = await mkdtemp(path.join(os.tmpdir(), 'hookflow-watchdog-'));
    const binary = await resolveDatabaseBinary(() => undefined);
    const options = {
      binary,
      port: await findFreePort(),
      dataDir: path.join(home, 'db'),
      logFile: path.join(home, 'db.log'),
    };
    return new OwnDatabase(options, home);
  }

  uri(database: string, extraOptions = ''): string {
    const options = `connectTimeoutMS=1000&heartbeatFrequencyMS=1000${extraOptions}`;
    return `mongodb://127.0.0.1:${this.options.port}/${database}?${options}`;
  }

  async start(): Promise<void> {
    this.running = await startDatabase(this.options);
  }

  async stop(): Promise<void> {
    await this.running?.process.stop(0);
    this.running = undefined;
  }

  async remove(): Promise<void> {
    await this.stop();
    await rm(this.home, { recursive: true, force: true });
  }
}

/** The driver's own objects this test reaches into to replay the race (mongodb 7.x, not public API). */
interface DriverConnection {
  socket: { destroy(): void };
}
interface DriverServer {
  monitor: { connection: DriverConnection | null };
  pool: { connections: { first(): DriverConnection | null } };
  requestCheck(): void;
}

function singleServer(connection: Connection): DriverServer {
  const topology = (connection.getClient() as unknown as { topology: { s: { servers: Map<string, DriverServer> } } })
    .topology;
  const [server] = topology.s.servers.values();
  if (!server) throw new Error('no server in the topology');
  return server;
}

/** A logger that keeps what it was given, to see whether (and why) the client was replaced. */
function recordingLogger(): { logger: pino.Logger; lines: Array<{ msg: string; reason?: string }> } {
  const lines: Array<{ msg: string; reason?: string }> = [];
  const logger = pino(
    { level: 'info' },
    { write: (line: string) => lines.push(JSON.parse(line) as { msg: string; reason?: string }) },
  );
  return { logger, lines };
}

async function healthyWithin(connection: Connection, timeoutMs: number): Promise<number> {
  const start = Date.now();
  for (;;) {
    try {
      await checkMongoHealth(connection);
      return Date.now() - start;
    } catch (error) {
      if (Date.now() - start > timeoutMs) throw error;
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }
}

describe('MongoDB connection after the database was stopped and started again', () => {
  let database: OwnDatabase | undefined;
  let connection: Connection | undefined;

  afterEach(async () => {
    await connection?.close().catch(() => undefined);
    await database?.remove();
    connection = undefined;
    database = undefined;
  });

  it('recovers when the driver heartbeat hung on a socket the database had just closed', async () => {
    database = await OwnDatabase.create();
    await database.start();
    const { logger, lines } = recordingLogger();
    connection = createMongoConnection(database.uri('watchdog'), { logger });
    await connection.asPromise();
    const client = connection.getClient();
    // Right after a heartbeat (a requested check then runs at once: more than 500 ms since the last one).
    await new Promise((resolve) => client.once('serverHeartbeatSucceeded', resolve));
    await new Promise((resolve) => setTimeout(resolve, 600));

    // The race `npm run chaos` hit when the database stopped under load, replayed: the monitor's socket is
    // destroyed (its 'close' event still pending) when an operation's failure asks for a check. The check
    // writes its hello to that socket and waits for a 'drain' that never comes: heartbeats stop for good.
    const server = singleServer(connection);
    server.monitor.connection?.socket.destroy();
    server.requestCheck();

    // Writes in flight when the database goes away mark the server unknown; only a heartbeat clears that.
    // Through a model, as the store does: models must keep working on the client that replaces this one.
    const Documents = connection.model('Document', new Schema({ body: String }));
    let writing = true;
    const body = 'x'.repeat(256 * 1024);
    const writers = Array.from({ length: 4 }, async () => {
      while (writing) await Documents.create({ body }).catch(() => new Promise((r) => setTimeout(r, 100)));
    });
    await new Promise((resolve) => setTimeout(resolve, 300));
    await database.stop();
    writing = false;
    await Promise.all(writers);
    // Readiness stays honest while the database is down.
    await expect(checkMongoHealth(connection)).rejects.toMatchObject({ code: 'unavailable' });

    await database.start();
    // Without the watchdog every call keeps failing with `connection N to … closed`, forever.
    const recoveredInMs = await healthyWithin(connection, 15_000);
    expect(recoveredInMs).toBeLessThan(15_000);
    await expect(Documents.create({ body: 'after' })).resolves.toMatchObject({ body: 'after' });
    await expect(Documents.countDocuments()).resolves.toBeGreaterThan(0);
    expect(lines).toContainEqual(expect.objectContaining({ reason: 'heartbeat_hung', msg: 'MongoDB client reopened' }));
  }, 60_000);

  it('recovers when an operation hung on a pooled connection the database had just closed', async () => {
    database = await OwnDatabase.create();
    await database.start();
    const { logger, lines } = recordingLogger();
    // A pool of one: the connection the hung operation keeps checked out is the only one.
    connection = createMongoConnection(database.uri('pool', '&maxPoolSize=1&socketTimeoutMS=500'), { logger });
    await connection.asPromise();
    const Documents = connection.model('Document', new Schema({ body: String }));
    await Documents.create({ body: 'before' });

    // The same race on the idle pooled connection: its socket is destroyed ('close' still pending) when the
    // next operation takes it; the write waits for 'drain' forever and the connection never comes back.
    const { pool } = singleServer(connection);
    // Given back to the pool a moment after the write resolved.
    const idle = await vi.waitFor(() => pool.connections.first() ?? Promise.reject(new Error('no idle connection')));
    idle.socket.destroy();
    void Documents.findOne().catch(() => undefined);

    // Every later call waits for that connection: 503 after waitQueueTimeoutMS, until the client is replaced.
    await expect(checkMongoHealth(connection)).rejects.toMatchObject({ code: 'unavailable' });
    await healthyWithin(connection, 20_000);
    await expect(Documents.countDocuments()).resolves.toBe(1);
    expect(lines).toContainEqual(
      expect.objectContaining({ reason: 'connections_stuck', msg: 'MongoDB client reopened' }),
    );
  }, 60_000);

  it('leaves a healthy client alone', async () => {
    database = await OwnDatabase.create();
    await database.start();
    const { logger, lines } = recordingLogger();
    connection = createMongoConnection(database.uri('healthy'), { logger });
    await connection.asPromise();
    // Longer than both of the watchdog's limits for these timeouts (4 s for a check, 5 s without heartbeats).
    await new Promise((resolve) => setTimeout(resolve, 6000));
    expect(lines).toEqual([]);
    await checkMongoHealth(connection);
  }, 30_000);

  it('connects once the database starts when it was down at the first attempt', async () => {
    database = await OwnDatabase.create();
    connection = createMongoConnection(database.uri('late-start'));
    await expect(connection.asPromise()).rejects.toThrow();
    await expect(checkMongoHealth(connection)).rejects.toMatchObject({ code: 'unavailable' });

    await database.start();
    // Before, the driver closed the client after the failed first connect and never opened it again.
    await healthyWithin(connection, 15_000);
  }, 60_000);
});
