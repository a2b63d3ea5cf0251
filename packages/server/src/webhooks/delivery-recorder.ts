import { newDeliveryId, type DeliveryBatchItem, type DeliveryRepeats, type Logger } from '@hookflow/engine';

/** Where batches go: `ctx.store.deliveries` in production, a fake in unit tests. */
export interface DeliverySink {
  recordDeliveries(batch: DeliveryBatchItem[]): Promise<void>;
  /** Adds repeats to folded rejections already written; without it, repeats after the first write are not counted. */
  addRepeats?(repeats: DeliveryRepeats[]): Promise<void>;
}

export interface DeliveryRecorderOptions {
  /** A batch is written at most this long after its first entry arrived (default 100 ms). */
  flushIntervalMs?: number;
  /** A batch is written at once when it reaches this many entries (default 100). */
  batchSize?: number;
  /**
   * Entries other than rejections kept while the database is down; beyond it the oldest are dropped, with an
   * error in the log (default 10 000). Accepted ones dropped so are rebuilt from Temporal when the log is read.
   */
  maxBuffered?: number;
  /** Rejections kept while the database is down, apart, so that they never crowd out the rest (default 1 000). */
  maxBufferedRejections?: number;
  /** Identical rejections from one source within this window are folded into one entry (default 60 s). */
  foldWindowMs?: number;
  /** Longest wait between retries of a failed write (default 5 s; retries start at `flushIntervalMs`). */
  maxRetryDelayMs?: number;
}

/** A rejection entry that later identical ones are folded into. */
interface Fold {
  key: string;
  item: DeliveryBatchItem & { id: string };
  startedAt: number;
  /** The entry is in the database: repeats must be added to it there. */
  written: boolean;
  /** The entry is being written: repeats wait as `pending`, since the write has its copy already. */
  inFlight: boolean;
  /** Repeats not yet added to the written entry. */
  pending: number;
  lastReceivedAt: Date;
}

/** Folds remembered at most; expired ones go first, then all (a forgotten fold only starts a new entry). */
const MAX_FOLDS = 10_000;

/**
 * Writes the delivery log (docs/deliveries.md) off the request path: a webhook answer never waits for it, yet no entry
 * is lost to a slow or briefly unreachable database. Entries are buffered and written in batches; a failed
 * write is retried with backoff, the buffer is bounded, and `close()` writes what is left at shutdown.
 *
 * Rejections are bounded apart and folded: a repeat of the same rejection (same source, status, code, reason
 * and delivery key) within `foldWindowMs` adds to the `count` of the first one's entry instead of a new entry,
 * so a flood of bad requests costs one entry per minute and source, never the log of accepted deliveries.
 */
export class DeliveryRecorder {
  private buffer: DeliveryBatchItem[] = [];
  private rejections: (DeliveryBatchItem & { id: string })[] = [];
  private readonly folds = new Map<string, Fold>();
  private readonly repeats = new Set<Fold>();
  private timer: NodeJS.Timeout | undefined;
  private writing: Promise<void> | undefined;
  private retryDelayMs: number;
  private dropped = 0;
  private closed = false;
  private readonly flushIntervalMs: number;
  private readonly batchSize: number;
  private readonly maxBuffered: number;
  private readonly maxBufferedRejections: number;
  private readonly foldWindowMs: number;
  private readonly maxRetryDelayMs: number;

  constructor(
    private readonly sink: DeliverySink,
    private readonly logger: Logger,
    options: DeliveryRecorderOptions = {},
  ) {
    this.flushIntervalMs = options.flushIntervalMs ?? 100;
    this.batchSize = options.batchSize ?? 100;
    this.maxBuffered = options.maxBuffered ?? 10_000;
    this.maxBufferedRejections = options.maxBufferedRejections ?? 1_000;
    this.foldWindowMs = options.foldWindowMs ?? 60_000;
    this.maxRetryDelayMs = options.maxRetryDelayMs ?? 5_000;
    this.retryDelayMs = this.flushIntervalMs;
  }

  /** Queues one entry; returns at once. */
  record(entry: DeliveryBatchItem): void {
    if (entry.outcome === 'rejected') {
      this.recordRejection(entry);
    } else {
      this.buffer.push(entry);
      if (this.buffer.length > this.maxBuffered) {
        const excess = this.buffer.length - this.maxBuffered;
        this.buffer.splice(0, excess);
        this.noteDropped(excess);
      }
    }
    if (this.closed) return;
    if (this.pending >= this.batchSize && !this.writing) this.schedule(0);
    else this.schedule(this.flushIntervalMs);
  }

  /** Entries (and repeats of written rejections) waiting to be written. */
  get pending(): number {
    return this.buffer.length + this.rejections.length + this.repeats.size;
  }

  /** Writes everything queued so far; rejects when the database refused (the entries stay queued). */
  async flush(): Promise<void> {
    // `writeBatch` waits for a write in flight, or writes the next batch: loop until nothing is left.
    do {
      await this.writeBatch();
    } while (this.pending > 0);
  }

  /**
   * Stops the timer and writes what is left, retrying for up to `timeoutMs`. Entries still unwritten after
   * that are reported in the log (by count, never by content).
   */
  async close(timeoutMs = 5_000): Promise<void> {
    this.closed = true;
    this.clearTimer();
    const deadline = Date.now() + timeoutMs;
    while (this.pending > 0 || this.writing) {
      const left = deadline - Date.now();
      if (left <= 0) break;
      try {
        // A write to a stalled database may outlast the wait: the wait, not the write, ends the loop.
        await Promise.race([
          this.flush(),
          new Promise((_resolve, reject) => setTimeout(() => reject(new Error('flush wait over')), left).unref()),
        ]);
      } catch {
        if (Date.now() >= deadline) break;
        await new Promise((resolve) => setTimeout(resolve, Math.min(250, Math.max(0, deadline - Date.now()))));
      }
    }
    // A write still hanging at the end holds entries too (they are out of the buffer until it fails).
    const lost = this.pending + (this.writing ? this.inFlight : 0);
    if (lost > 0) {
      this.logger.error({ lost }, 'delivery log entries could not be written before shutdown');
    }
  }

  private recordRejection(entry: DeliveryBatchItem): void {
    const key = foldKey(entry);
    const at = entry.receivedAt.getTime();
    const fold = this.folds.get(key);
    if (fold && at - fold.startedAt < this.foldWindowMs && at >= fold.startedAt) {
      fold.lastReceivedAt = entry.receivedAt;
      if (fold.written || fold.inFlight) {
        fold.pending += 1;
        this.repeats.add(fold);
      } else {
        // Still buffered: the entry itself counts it, no extra write.
        fold.item.count = (fold.item.count ?? 1) + 1;
        fold.item.lastReceivedAt = entry.receivedAt;
      }
      return;
    }
    const item = { ...entry, id: newDeliveryId(), count: 1 };
    this.remember({
      key,
      item,
      startedAt: at,
      written: false,
      inFlight: false,
      pending: 0,
      lastReceivedAt: entry.receivedAt,
    });
    this.rejections.push(item);
    if (this.rejections.length > this.maxBufferedRejections) {
      const excess = this.rejections.length - this.maxBufferedRejections;
      this.rejections.splice(0, excess);
      this.noteDropped(excess);
    }
  }

  private remember(fold: Fold): void {
    if (this.folds.size >= MAX_FOLDS) {
      const now = Date.now();
      for (const [key, old] of this.folds) {
        if (now - old.startedAt >= this.foldWindowMs && !this.repeats.has(old)) this.folds.delete(key);
      }
      if (this.folds.size >= MAX_FOLDS) {
        for (const [key, old] of this.folds) if (!this.repeats.has(old)) this.folds.delete(key);
      }
    }
    this.folds.set(fold.key, fold);
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

  /**
   * Writes one batch (one write at a time): new entries first, accepted ones before rejections, then the
   * repeats of written rejections. On failure puts the batch back in front and schedules a retry.
   */
  /** Entries of the write in flight, for the shutdown report. */
  private inFlight = 0;

  private writeBatch(): Promise<void> {
    if (this.writing) return this.writing;
    const kept = this.buffer.splice(0, this.batchSize);
    const rejected = this.rejections.splice(0, this.batchSize - kept.length);
    const repeats = kept.length + rejected.length === 0 ? this.takeRepeats() : [];
    const folds = rejected.map((item) => this.foldOf(item));
    for (const fold of folds) if (fold) fold.inFlight = true;
    if (kept.length + rejected.length + repeats.length === 0) return Promise.resolve();
    this.inFlight = kept.length + rejected.length + repeats.length;
    const write =
      repeats.length > 0
        ? (this.sink.addRepeats?.(repeats.map(repeatOf)) ?? Promise.resolve())
        : this.sink.recordDeliveries([...kept, ...rejected]);
    const done = write.then(
      () => {
        this.retryDelayMs = this.flushIntervalMs;
        for (const fold of folds) {
          if (!fold) continue;
          fold.inFlight = false;
          fold.written = true;
        }
        if (this.pending > 0 && !this.closed) this.schedule(this.pending >= this.batchSize ? 0 : this.flushIntervalMs);
      },
      (error: unknown) => {
        this.buffer.unshift(...kept);
        this.rejections.unshift(...rejected);
        for (const { fold, count } of repeats) {
          fold.pending += count;
          this.repeats.add(fold);
        }
        // Repeats that arrived while a new entry was being written go back onto the entry, queued again.
        for (const fold of folds) {
          if (!fold) continue;
          fold.inFlight = false;
          fold.item.count = (fold.item.count ?? 1) + fold.pending;
          fold.pending = 0;
          this.repeats.delete(fold);
        }
        this.trimAfterFailure();
        // The message only: driver errors carry the whole batch, which does not belong in every retry line.
        this.logger.warn(
          {
            error: error instanceof Error ? error.message : String(error),
            pending: this.pending,
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
    this.writing = done.finally(() => {
      this.writing = undefined;
    });
    return this.writing;
  }

  /** Repeats of written rejections, taken out of the queue (their counters reset: put back on failure). */
  private takeRepeats(): { fold: Fold; count: number }[] {
    const taken: { fold: Fold; count: number }[] = [];
    for (const fold of this.repeats) {
      if (taken.length >= this.batchSize) break;
      if (fold.pending === 0) {
        this.repeats.delete(fold);
        continue;
      }
      if (!fold.written) continue;
      taken.push({ fold, count: fold.pending });
      fold.pending = 0;
      this.repeats.delete(fold);
    }
    return taken;
  }

  /** The fold an entry of the rejection buffer started (undefined once a newer fold replaced it). */
  private foldOf(item: DeliveryBatchItem): Fold | undefined {
    const fold = this.folds.get(foldKey(item));
    return fold?.item === item ? fold : undefined;
  }

  private trimAfterFailure(): void {
    // Keep the newest: the oldest were already retried the longest.
    if (this.buffer.length > this.maxBuffered) {
      const excess = this.buffer.length - this.maxBuffered;
      this.buffer.splice(0, excess);
      this.noteDropped(excess);
    }
    if (this.rejections.length > this.maxBufferedRejections) {
      const excess = this.rejections.length - this.maxBufferedRejections;
      this.rejections.splice(0, excess);
      this.noteDropped(excess);
    }
  }

  private noteDropped(count: number): void {
    this.dropped += count;
    this.logger.error(
      { dropped: count, droppedTotal: this.dropped, maxBuffered: this.maxBuffered },
      'delivery log buffer full: oldest entries dropped',
    );
  }
}

/** Same workflow, source, answer, reason and delivery key: the same rejection. */
function foldKey(entry: DeliveryBatchItem): string {
  return [
    entry.workflowId,
    entry.sourceIp,
    entry.status,
    entry.errorCode ?? '',
    entry.reason ?? '',
    entry.deliveryKey ?? '',
  ].join('\u0000');
}

function repeatOf({ fold, count }: { fold: Fold; count: number }): DeliveryRepeats {
  return { id: fold.item.id, workflowId: fold.item.workflowId, count, lastReceivedAt: fold.lastReceivedAt };
}
