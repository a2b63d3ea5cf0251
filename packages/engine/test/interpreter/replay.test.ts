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
    const results = [];
    for await (const result of Worker.runReplayHistories(
      { ...workflowSource(), replayName: 'hookflow-replay' },
      histories,
    )) {
      results.push({ workflowId: result.workflowId, error: result.error?.message });
    }
    expect(results).toEqual(histories.map((h) => ({ workflowId: h.workflowId, error: undefined })));
  });

  it('covers both ways transform and log ran: regular activities before the patch, local ones after', async () => {
    const eventsOf = async (name: string) =>
      (JSON.parse(await readFile(path.join(HISTORIES, `${name}.json`), 'utf8')) as { events: HistoryEvent[] }).events;
    const before = await eventsOf('diamond');
    expect(before.filter((e) => e.activityTaskScheduledEventAttributes)).toHaveLength(4);
    const after = await eventsOf('local-and-remote');
    const markers = after.map((e) => e.markerRecordedEventAttributes?.markerName).filter(Boolean);
    expect(markers).toContain('core_patch');
    expect(markers.filter((name) => name === 'core_local_activity')).toHaveLength(5);
    // The plugin node still runs as a regular activity, retried once.
    expect(after.filter((e) => e.activityTaskScheduledEventAttributes)).toHaveLength(1);
  });
});
