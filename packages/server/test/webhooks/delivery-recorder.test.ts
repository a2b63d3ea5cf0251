import pino from 'pino';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { DeliveryBatchItem } from '@hookflow/engine';
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

/** A sink that can be told to fail, like a database that goes away and comes back. */
class FakeSink implements DeliverySink {
  written: DeliveryBatchItem[][] = [];
  failing = false;
  calls = 0;

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
});
