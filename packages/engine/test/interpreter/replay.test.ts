import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { Worker } from '@temporalio/worker';
import { describe, expect, it } from 'vitest';
import { workflowSource } from '../../src/worker/create-worker';

const HISTORIES = path.join(__dirname, '..', 'fixtures', 'histories');

/**
 * Recorded histories must replay through the current workflow code: an interpreter change that is not
 * replay-safe (guard it with `patched()`) fails here before it breaks runs in flight.
 */
describe('replay of recorded histories', () => {
  it('replays every recorded history without non-determinism', async () => {
    const files = (await readdir(HISTORIES)).filter((file) => file.endsWith('.json')).sort();
    expect(files.length).toBeGreaterThanOrEqual(7);
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
});
