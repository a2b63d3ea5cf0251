import type { Connection, mongo } from 'mongoose';
import type { Logger } from 'pino';

/** Why the watchdog replaced the driver's client (logged; stable for alerting). */
export type ReopenReason = 'heartbeat_hung' | 'heartbeats_stopped';

/** Heartbeat margin for a busy event loop: timers fire late on a loaded machine. */
const SLACK_MS = 2000;
/** Bounds of the wait between failed reopen attempts (the database may still be down). */
const RETRY_MIN_MS = 500;
const RETRY_MAX_MS = 10_000;

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
    }
  }

  /** Closes the stuck client and opens a new one, retrying while the database is down. */
  private async replaceClient(reason: ReopenReason, silentForMs: number): Promise<void> {
    this.reopening = true;
    this.options.logger?.warn({ reason, silentForMs }, 'MongoDB client stopped monitoring the database; reopening');
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
  client.on('serverHeartbeatStarted', started);
  client.on('serverHeartbeatSucceeded', ended);
  client.on('serverHeartbeatFailed', ended);
  watched.detach = () => {
    client.off('serverHeartbeatStarted', started);
    client.off('serverHeartbeatSucceeded', ended);
    client.off('serverHeartbeatFailed', ended);
  };
  return watched;
}
