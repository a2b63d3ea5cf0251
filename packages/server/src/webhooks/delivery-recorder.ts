import type { DeliveryBatchItem, Logger } from '@hookflow/engine';

/** Where batches go: `ctx.store.deliveries` in production, a fake in unit tests. */
export interface DeliverySink {
  recordDeliveries(batch: DeliveryBatchItem[]): Promise<void>;
}

export interface DeliveryRecorderOptions {
  /** A batch is written at most this long after its first entry arrived (default 100 ms). */
  flushIntervalMs?: number;
  /** A batch is written at once when it reaches this many entries (default 100). */
  batchSize?: number;
  /** Entries kept while the database is down; beyond it the oldest are dropped, with a warning (default 10 000). */
  maxBuffered?: number;
  /** Longest wait between retries of a failed write (default 5 s; retries start at `flushIntervalMs`). */
  maxRetryDelayMs?: number;
}

/**
 * Writes the delivery log (docs/deliveries.md) off the request path: a webhook answer never waits for it, yet no entry
 * is lost to a slow or briefly unreachable database. Entries are buffered and written in batches; a failed
 * write is retried with backoff, the buffer is bounded, and `close()` writes what is left at shutdown.
 */
export class DeliveryRecorder {
  private buffer: DeliveryBatchItem[] = [];
  private timer: NodeJS.Timeout | undefined;
  private writing: Promise<void> | undefined;
  private retryDelayMs: number;
  private dropped = 0;
  private closed = false;
  private readonly flushIntervalMs: number;
  private readonly batchSize: number;
  private readonly maxBuffered: number;
  private readonly maxRetryDelayMs: number;

  constructor(
    private readonly sink: DeliverySink,
    private readonly logger: Logger,
    options: DeliveryRecorderOptions = {},
  ) {
    this.flushIntervalMs = options.flushIntervalMs ?? 100;
    this.batchSize = options.batchSize ?? 100;
    this.maxBuffered = options.maxBuffered ?? 10_000;
    this.maxRetryDelayMs = options.maxRetryDelayMs ?? 5_000;
    this.retryDelayMs = this.flushIntervalMs;
  }

  /** Queues one entry; returns at once. */
  record(entry: DeliveryBatchItem): void {
    this.buffer.push(entry);
    if (this.buffer.length > this.maxBuffered) {
      const excess = this.buffer.length - this.maxBuffered;
      this.buffer.splice(0, excess);
      this.noteDropped(excess);
    }
    if (this.closed) return;
    if (this.buffer.length >= this.batchSize && !this.writing) this.schedule(0);
    else this.schedule(this.flushIntervalMs);
  }

  /** Entries waiting to be written. */
  get pending(): number {
    return this.buffer.length;
  }

  /** Writes everything queued so far; rejects when the database refused (the entries stay queued). */
  async flush(): Promise<void> {
    // `writeBatch` waits for a write in flight, or writes the next batch: loop until nothing is left.
    do {
      await this.writeBatch();
    } while (this.buffer.length > 0);
  }

  /**
   * Stops the timer and writes what is left, retrying for up to `timeoutMs`. Entries still unwritten after
   * that are reported in the log (by count, never by content).
   */
  async close(timeoutMs = 5_000): Promise<void> {
    this.closed = true;
    this.clearTimer();
    const deadline = Date.now() + timeoutMs;
    while (this.buffer.length > 0 || this.writing) {
      try {
        await this.flush();
      } catch {
        if (Date.now() >= deadline) break;
        await new Promise((resolve) => setTimeout(resolve, Math.min(250, Math.max(0, deadline - Date.now()))));
      }
    }
    if (this.buffer.length > 0) {
      this.logger.error({ lost: this.buffer.length }, 'delivery log entries could not be written before shutdown');
    }
  }

  private schedule(delayMs: number): void {
    if (this.timer && delayMs > 0) return;
    this.clearTimer();
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.writeBatch().catch(() => undefined);
    }, delayMs);
    // A pending flush must not keep a stopping process alive; `close()` writes what is left.
    this.timer.unref();
  }

  private clearTimer(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
  }

  /** Writes one batch (one write at a time); on failure puts it back in front and schedules a retry. */
  private writeBatch(): Promise<void> {
    if (this.writing) return this.writing;
    const batch = this.buffer.splice(0, this.batchSize);
    if (batch.length === 0) return Promise.resolve();
    const write = this.sink.recordDeliveries(batch).then(
      () => {
        this.retryDelayMs = this.flushIntervalMs;
        if (this.buffer.length > 0 && !this.closed)
          this.schedule(this.buffer.length >= this.batchSize ? 0 : this.flushIntervalMs);
      },
      (error: unknown) => {
        this.buffer.unshift(...batch);
        if (this.buffer.length > this.maxBuffered) {
          // Keep the newest: the oldest were already retried the longest.
          const excess = this.buffer.length - this.maxBuffered;
          this.buffer.splice(0, excess);
          this.noteDropped(excess);
        }
        // The message only: driver errors carry the whole batch, which does not belong in every retry line.
        this.logger.warn(
          {
            error: error instanceof Error ? error.message : String(error),
            pending: this.buffer.length,
            retryInMs: this.retryDelayMs,
          },
          'could not write the delivery log; retrying',
        );
        if (!this.closed) {
          this.clearTimer();
          this.schedule(this.retryDelayMs);
        }
        this.retryDelayMs = Math.min(this.maxRetryDelayMs, this.retryDelayMs * 2);
        throw error;
      },
    );
    this.writing = write.finally(() => {
      this.writing = undefined;
    });
    return this.writing;
  }

  private noteDropped(count: number): void {
    this.dropped += count;
    this.logger.error(
      { dropped: count, droppedTotal: this.dropped, maxBuffered: this.maxBuffered },
      'delivery log buffer full: oldest entries dropped',
    );
  }
}
