import pino from 'pino';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { DeliveryBatchItem, DeliveryRepeats } from '@hookflow/engine';
import { DeliveryRecorder, type DeliverySink } from '../../src/webhooks/delivery-recorder';

function entry(n: number): DeliveryBatchItem {
  return {
    workflowId: 'wf_1',
    receivedAt: new Date(),
    triggerType: 'generic-webhook',
    outcome: 'accepted',
    status: 202,
    sourceIp: '127.0.0.1',
    bytes: n,
  };
}

function rejection(sourceIp: string, receivedAt = new Date()): DeliveryBatchItem {
  return {
    workflowId: 'wf_1',
    receivedAt,
    triggerType: 'generic-webhook',
    outcome: 'rejected',
    status: 401,
    errorCode: 'unauthorized',
    reason: 'unknown API key',
    sourceIp,
    bytes: 0,
  };
}

/** A sink that can be told to fail, like a database that goes away and comes back. */
class FakeSink implements DeliverySink {
  written: DeliveryBatchItem[][] = [];
  repeats: DeliveryRepeats[] = [];
  failing = false;
  calls = 0;

  addRepeats(repeats: DeliveryRepeats[]): Promise<void> {
    if (this.failing) return Promise.reject(new Error('database down'));
    this.repeats.push(...repeats);
    return Promise.resolve();
  }

  recordDeliveries(batch: DeliveryBatchItem[]): Promise<void> {
    this.calls++;
    if (this.failing) return Promise.reject(new Error('database down'));
    this.written.push([...batch]);
    return Promise.resolve();
  }

  get entries(): number[] {
    return this.written.flat().map((e) => e.bytes);
  }
}

const silent = pino({ level: 'silent' });

describe('DeliveryRecorder', () => {
  let recorder: DeliveryRecorder | undefined;
  afterEach(async () => {
    await recorder?.close(100);
    vi.useRealTimers();
  });

  it('returns at once and writes entries in one batch shortly after', async () => {
    const sink = new FakeSink();
    recorder = new DeliveryRecorder(sink, silent, { flushIntervalMs: 20 });
    for (let n = 0; n < 5; n++) recorder.record(entry(n));
    expect(sink.calls).toBe(0);
    await vi.waitFor(() => expect(sink.entries).toEqual([0, 1, 2, 3, 4]), { timeout: 1000 });
    expect(sink.written).toHaveLength(1);
  });

  it('writes a full batch without waiting for the interval, in batches of batchSize', async () => {
    const sink = new FakeSink();
    recorder = new DeliveryRecorder(sink, silent, { flushIntervalMs: 60_000, batchSize: 10 });
    for (let n = 0; n < 25; n++) recorder.record(entry(n));
    await vi.waitFor(() => expect(sink.entries).toHaveLength(20), { timeout: 1000 });
    expect(sink.written.map((batch) => batch.length)).toEqual([10, 10]);
    await recorder.flush();
    expect(sink.entries).toEqual(Array.from({ length: 25 }, (_, n) => n));
  });

  it('keeps entries through a failing database and writes them, in order, once it is back', async () => {
    const sink = new FakeSink();
    sink.failing = true;
    recorder = new DeliveryRecorder(sink, silent, { flushIntervalMs: 10, maxRetryDelayMs: 40 });
    for (let n = 0; n < 3; n++) recorder.record(entry(n));
    await vi.waitFor(() => expect(sink.calls).toBeGreaterThanOrEqual(3), { timeout: 2000 });
    expect(recorder.pending).toBe(3);
    recorder.record(entry(3));
    sink.failing = false;
    await vi.waitFor(() => expect(sink.entries).toEqual([0, 1, 2, 3]), { timeout: 2000 });
    expect(recorder.pending).toBe(0);
  });

  it('bounds its buffer: beyond maxBuffered the oldest entries are dropped, with an error in the log', async () => {
    const sink = new FakeSink();
    sink.failing = true;
    const lines: string[] = [];
    const logger = pino({ level: 'warn' }, { write: (line: string) => lines.push(line) });
    recorder = new DeliveryRecorder(sink, logger, { flushIntervalMs: 60_000, maxBuffered: 100, batchSize: 1000 });
    for (let n = 0; n < 150; n++) recorder.record(entry(n));
    expect(recorder.pending).toBe(100);
    expect(lines.some((line) => line.includes('oldest entries dropped'))).toBe(true);
    sink.failing = false;
    await recorder.flush();
    expect(sink.entries).toEqual(Array.from({ length: 100 }, (_, n) => n + 50));
  });

  it('writes what is left on close, even entries that had been waiting for the timer', async () => {
    const sink = new FakeSink();
    recorder = new DeliveryRecorder(sink, silent, { flushIntervalMs: 60_000 });
    for (let n = 0; n < 7; n++) recorder.record(entry(n));
    await recorder.close();
    expect(sink.entries).toEqual([0, 1, 2, 3, 4, 5, 6]);
  });

  it('gives up on close after its timeout when the database stays down, and says how many were lost', async () => {
    const sink = new FakeSink();
    sink.failing = true;
    const lines: string[] = [];
    const logger = pino({ level: 'error' }, { write: (line: string) => lines.push(line) });
    recorder = new DeliveryRecorder(sink, logger, { flushIntervalMs: 60_000 });
    recorder.record(entry(1));
    recorder.record(entry(2));
    const started = Date.now();
    await recorder.close(300);
    expect(Date.now() - started).toBeLessThan(2000);
    expect(lines.some((line) => line.includes('"lost":2'))).toBe(true);
  });

  it('folds identical rejections from one source within the window into one entry with a count', async () => {
    const sink = new FakeSink();
    recorder = new DeliveryRecorder(sink, silent, { flushIntervalMs: 60_000, foldWindowMs: 60_000 });
    const start = Date.now();
    for (let i = 0; i < 500; i++) recorder.record(rejection('198.51.100.1', new Date(start + i)));
    recorder.record(rejection('198.51.100.2', new Date(start)));
    // A minute later, the same rejection starts a new entry.
    recorder.record(rejection('198.51.100.1', new Date(start + 60_000)));
    expect(recorder.pending).toBe(3);
    await recorder.flush();
    expect(sink.written.flat().map((e) => [e.sourceIp, e.count])).toEqual([
      ['198.51.100.1', 500],
      ['198.51.100.2', 1],
      ['198.51.100.1', 1],
    ]);
    expect(sink.written.flat()[0]!.lastReceivedAt).toEqual(new Date(start + 499));
  });

  it('adds repeats that arrive after the entry was written (or while it was) to the stored entry', async () => {
    const sink = new FakeSink();
    recorder = new DeliveryRecorder(sink, silent, { flushIntervalMs: 60_000 });
    recorder.record(rejection('198.51.100.1'));
    const writing = recorder.flush();
    recorder.record(rejection('198.51.100.1')); // while the insert is on its way
    await writing;
    recorder.record(rejection('198.51.100.1'));
    await recorder.flush();
    const [first] = sink.written.flat();
    expect(sink.written.flat()).toHaveLength(1);
    const id = (first as DeliveryBatchItem & { id: string }).id;
    expect(sink.repeats.every((r) => r.id === id)).toBe(true);
    expect(sink.repeats.reduce((sum, r) => sum + r.count, 0)).toBe(2);
  });

  it('bounds rejections apart: a flood of them while the database is down drops no accepted entry', async () => {
    const sink = new FakeSink();
    sink.failing = true;
    recorder = new DeliveryRecorder(sink, silent, {
      flushIntervalMs: 60_000,
      maxBuffered: 100,
      maxBufferedRejections: 10,
      batchSize: 1000,
    });
    recorder.record(entry(1));
    for (let i = 0; i < 5000; i++) recorder.record(rejection(`10.0.${Math.floor(i / 250)}.${i % 250}`));
    recorder.record(entry(2));
    expect(recorder.pending).toBe(12);
    sink.failing = false;
    await recorder.flush();
    expect(
      sink.written
        .flat()
        .filter((e) => e.outcome === 'accepted')
        .map((e) => e.bytes),
    ).toEqual([1, 2]);
  });
});
