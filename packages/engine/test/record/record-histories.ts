import { existsSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { historyToJSON } from '@temporalio/common/lib/proto-utils';
import { afterAll, beforeAll, it } from 'vitest';
import { sendExecutionEvent } from '../../src/executions/control-execution';
import { RunHarness } from '../support/run-harness';
import { testNodes } from '../support/test-nodes';
import { RECORDED_GRAPHS } from './graphs';

/**
 * Not part of `npm test`: `npm run record-histories -w @hookflow/engine` runs the graphs of ./graphs.ts
 * that have no fixture yet and saves their histories as replay fixtures. Existing fixtures are never
 * overwritten: the point of the old ones is that they keep replaying after interpreter changes (delete a
 * file to record it anew).
 */
const harness = new RunHarness(testNodes);
beforeAll(() => harness.start());
afterAll(() => harness.stop());

it('records one history per graph', async () => {
  for (const [name, { graph, payload, event }] of Object.entries(RECORDED_GRAPHS)) {
    const file = path.join(__dirname, '..', 'fixtures', 'histories', `${name}.json`);
    if (existsSync(file)) continue;
    const { executionId } = await harness.startGraph(graph, payload ?? {}, `record-${name}`);
    if (event) {
      await new Promise((resolve) => setTimeout(resolve, 500));
      await sendExecutionEvent(harness.client, executionId, event);
    }
    await harness.waitForClose(executionId);
    const history = await harness.client.workflow.getHandle(executionId).fetchHistory();
    // The proto-JSON format of `temporal workflow show --output json`, readable by the replayer.
    await writeFile(file, historyToJSON(history) + '\n');
  }
});
