import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { Worker } from '@temporalio/worker';
import { describe, expect, it } from 'vitest';
import { workflowSource } from '../../src/worker/create-worker';

const HISTORIES = path.join(__dirname, '..', 'fixtures', 'histories');

/** The proto-JSON of a history event, as far as these checks read it. */
interface HistoryEvent {
  activityTaskScheduledEventAttributes?: unknown;
  markerRecordedEventAttributes?: { markerName?: string };
  upsertWorkflowSearchAttributesEventAttributes?: unknown;
  workflowExecutionStartedEventAttributes?: { input: { payloads: Array<{ data: string }> } };
}

interface History {
  events: HistoryEvent[];
}

const readHistory = async (name: string) =>
  JSON.parse(await readFile(path.join(HISTORIES, `${name}.json`), 'utf8')) as History;

async function replayErrors(histories: Array<{ workflowId: string; history: unknown }>) {
  const results = [];
  for await (const result of Worker.runReplayHistories(
    { ...workflowSource(), replayName: 'hookflow-replay' },
    histories,
  )) {
    results.push({ workflowId: result.workflowId, error: result.error?.message });
  }
  return results;
}

/**
 * Recorded histories must replay through the current workflow code: an interpreter change that is not
 * replay-safe (guard it with `patched()`) fails here before it breaks runs in flight.
 */
describe('replay of recorded histories', () => {
  it('replays every recorded history without non-determinism', async () => {
    const files = (await readdir(HISTORIES)).filter((file) => file.endsWith('.json')).sort();
    expect(files.length).toBeGreaterThanOrEqual(9);
    const histories = await Promise.all(
      files.map(async (file) => ({
        workflowId: path.basename(file, '.json'),
        history: JSON.parse(await readFile(path.join(HISTORIES, file), 'utf8')) as unknown,
      })),
    );
    expect(await replayErrors(histories)).toEqual(
      histories.map((h) => ({ workflowId: h.workflowId, error: undefined })),
    );
  });

  it('covers both ways transform and log ran: regular activities before the patch, local ones after', async () => {
    const eventsOf = async (name: string) => (await readHistory(name)).events;
    const before = await eventsOf('diamond');
    expect(before.filter((e) => e.activityTaskScheduledEventAttributes)).toHaveLength(4);
    const after = await eventsOf('local-and-remote');
    const markers = after.map((e) => e.markerRecordedEventAttributes?.markerName).filter(Boolean);
    expect(markers).toContain('core_patch');
    expect(markers.filter((name) => name === 'core_local_activity')).toHaveLength(5);
    // The plugin node still runs as a regular activity, retried once.
    expect(after.filter((e) => e.activityTaskScheduledEventAttributes)).toHaveLength(1);
  });

  it('records no patch marker for runs started with an interpreter revision', async () => {
    const { events } = await readHistory('revision-1');
    expect(events.map((e) => e.markerRecordedEventAttributes?.markerName).filter(Boolean)).toEqual([
      'core_local_activity',
      'core_local_activity',
      'core_local_activity',
    ]);
    // patched() would also upsert TemporalChangeVersion: one more event and one more visibility write per run.
    expect(events.filter((e) => e.upsertWorkflowSearchAttributesEventAttributes)).toEqual([]);
  });

  it('replays a run started with a revision whose first task a worker of the previous release ran', async () => {
    // That worker ignores the revision and records the patch markers: the same history as `local-nodes`,
    // whose input gains the field.
    const history = await readHistory('local-nodes');
    const payload = history.events[0]!.workflowExecutionStartedEventAttributes!.input.payloads[0]!;
    const input = JSON.parse(Buffer.from(payload.data, 'base64').toString('utf8')) as Record<string, unknown>;
    payload.data = Buffer.from(JSON.stringify({ ...input, interpreterRevision: 1 })).toString('base64');
    expect(await replayErrors([{ workflowId: 'upgrade', history }])).toEqual([
      { workflowId: 'upgrade', error: undefined },
    ]);
  });
});
