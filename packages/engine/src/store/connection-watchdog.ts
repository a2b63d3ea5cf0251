import type { Connection, mongo } from 'mongoose';
import type { Logger } from 'pino';

/** Why the watchdog replaced the driver's client (logged; stable for alerting). */
export type ReopenReason = 'heartbeat_hung' | 'heartbeats_stopped' | 'connections_stuck';

/** Heartbeat margin for a busy event loop: timers fire late on a loaded machine. */
const SLACK_MS = 2000;
/**
 * Wait between failed reopen attempts while the database is still down. Kept short: each attempt already
 * waits serverSelectionTimeoutMS, and recovery should follow the database's return within seconds.
 */
const RETRY_MIN_MS = 500;
const RETRY_MAX_MS = 2000;

export interface ConnectionWatchdogOptions {
  /** Opens the connection again with its original URI and options. */
  reopen: () => Promise<unknown>;
  logger?: Pick<Logger, 'warn' | 'info'> | undefined;
  /** How often the heartbeats are looked at. */
  tickMs?: number;
}

interface WatchedClient {
  client: mongo.MongoClient;
  /** Set while a heartbeat has started and neither succeeded nor failed. */
  startedAt: number | undefined;
  /** The heartbeat in flight is a streaming one: the server answers it only after up to heartbeatFrequencyMS. */
  awaited: boolean;
  lastEventAt: number;
  /** Pooled connections handed to an operation and not yet given back, with when they were handed out. */
  checkedOut: Map<number | '<monitor>', number>;
  detach: () => void;
}

/**
 * Replaces a connection's MongoDB client once its heartbeats stop.
 *
 * The driver learns that the database is back only through its heartbeat monitor, and mongodb 7.x can leave
 * that monitor waiting forever: a check that writes to a socket the database closed a moment earlier (socket
 * destroyed, its 'close' event not yet delivered) awaits a 'drain' that never comes, because
 * `Connection.writeCommand` listens for 'drain' and 'error' only. The server then stays "unknown", and every
 * call fails with the error that marked it so (`connection 4 to … closed`) long after the database is back.
 * A client whose first connection failed is closed for good the same way. Both show as heartbeats that stop:
 * one started and never ended, or none for longer than the heartbeat interval allows.
 *
 * The same race on a pooled connection hangs that one operation (its caller still gets its deadline) and keeps
 * the connection checked out for good. Once a quarter of the pool is held that way, far longer than any
 * operation can take under the socket timeout, the client is replaced too, before the pool runs dry.
 */
export class ConnectionWatchdog {
  private readonly timer: NodeJS.Timeout;
  private watched: WatchedClient | undefined;
  private reopening = false;
  /** Set while the watchdog itself closes the connection, to tell that close from a shutdown. */
  private closingOwnClient = false;
  private stopped = false;

  constructor(
    private readonly connection: Connection,
    private readonly options: ConnectionWatchdogOptions,
  ) {
    this.watched = watch(connection.getClient());
    this.timer = setInterval(() => this.check(), options.tickMs ?? 1000).unref();
    // Closing the connection on purpose (shutdown) ends the watch, also while reopening; the watchdog's own
    // close does not.
    connection.on('close', () => {
      if (!this.closingOwnClient) this.stop();
    });
  }

  stop(): void {
    this.stopped = true;
    clearInterval(this.timer);
    this.watched?.detach();
    this.watched = undefined;
  }

  private check(): void {
    if (this.stopped || this.reopening) return;
    const client = this.connection.getClient();
    if (this.watched?.client !== client) {
      this.watched?.detach();
      this.watched = watch(client);
      return;
    }
    const { connectTimeoutMS, heartbeatFrequencyMS } = client.options;
    const connectMs = connectTimeoutMS || 30_000;
    // A check opens a connection (connectTimeoutMS) and waits for its hello (connectTimeoutMS again); a
    // streaming one (MongoDB, not FerretDB) is answered up to heartbeatFrequencyMS later by design.
    const longestCheckMs = 2 * connectMs + SLACK_MS;
    const longestAwaitedMs = connectMs + heartbeatFrequencyMS + SLACK_MS;
    const now = Date.now();
    const { startedAt, awaited, lastEventAt } = this.watched;
    if (startedAt !== undefined && now - startedAt > (awaited ? longestAwaitedMs : longestCheckMs)) {
      void this.replaceClient('heartbeat_hung', now - startedAt);
    } else if (startedAt === undefined && now - lastEventAt > heartbeatFrequencyMS + longestCheckMs) {
      void this.replaceClient('heartbeats_stopped', now - lastEventAt);
    } else if (client.options.socketTimeoutMS > 0) {
      // Without a socket timeout an operation may legitimately run for as long as the database takes.
      const heldTooLongMs = 4 * (client.options.socketTimeoutMS + connectMs) + SLACK_MS;
      const stuck = [...this.watched.checkedOut.values()].filter((since) => now - since > heldTooLongMs).length;
      if (stuck >= Math.max(1, Math.floor((client.options.maxPoolSize || 100) / 4))) {
        void this.replaceClient('connections_stuck', heldTooLongMs);
      }
    }
  }

  /** Closes the stuck client and opens a new one, retrying while the database is down. */
  private async replaceClient(reason: ReopenReason, stuckForMs: number): Promise<void> {
    this.reopening = true;
    this.options.logger?.warn({ reason, stuckForMs }, 'MongoDB client stuck; reopening');
    try {
      for (let delayMs = RETRY_MIN_MS; !this.stopped; delayMs = Math.min(delayMs * 2, RETRY_MAX_MS)) {
        try {
          this.closingOwnClient = true;
          try {
            await this.connection.close();
          } finally {
            this.closingOwnClient = false;
          }
          if (this.stopped) return;
          await this.options.reopen();
          this.options.logger?.info({ reason }, 'MongoDB client reopened');
          return;
        } catch (error) {
          this.options.logger?.warn(
            { reason, error: error instanceof Error ? error.message : String(error), retryInMs: delayMs },
            'MongoDB client could not be reopened; retrying',
          );
          await new Promise((resolve) => setTimeout(resolve, delayMs).unref());
        }
      }
    } finally {
      this.reopening = false;
      // Watch whichever client the connection now has, from now on.
      this.watched?.detach();
      this.watched = undefined;
      // Shut down while reopening: do not leave the new client open.
      if (this.stopped) await this.connection.close().catch(() => undefined);
    }
  }
}

function watch(client: mongo.MongoClient): WatchedClient {
  const watched: WatchedClient = {
    client,
    startedAt: undefined,
    awaited: false,
    lastEventAt: Date.now(),
    checkedOut: new Map(),
    detach: () => undefined,
  };
  const started = (event: mongo.ServerHeartbeatStartedEvent): void => {
    watched.startedAt = Date.now();
    watched.awaited = event.awaited;
    watched.lastEventAt = watched.startedAt;
  };
  const ended = (): void => {
    watched.startedAt = undefined;
    watched.lastEventAt = Date.now();
  };
  const checkedOut = (event: mongo.ConnectionCheckedOutEvent): void => {
    watched.checkedOut.set(event.connectionId, Date.now());
  };
  const checkedIn = (event: mongo.ConnectionCheckedInEvent): void => {
    watched.checkedOut.delete(event.connectionId);
  };
  client.on('serverHeartbeatStarted', started);
  client.on('serverHeartbeatSucceeded', ended);
  client.on('serverHeartbeatFailed', ended);
  client.on('connectionCheckedOut', checkedOut);
  client.on('connectionCheckedIn', checkedIn);
  watched.detach = () => {
    client.off('serverHeartbeatStarted', started);
    client.off('serverHeartbeatSucceeded', ended);
    client.off('serverHeartbeatFailed', ended);
    client.off('connectionCheckedOut', checkedOut);
    client.off('connectionCheckedIn', checkedIn);
  };
  return watched;
}
