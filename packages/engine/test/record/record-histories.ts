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
 * and saves their histories as replay fixtures. Record anew only when adding cases; the point of the old
 * fixtures is that they keep replaying after interpreter changes.
 */
const harness = new RunHarness(testNodes);
beforeAll(() => harness.start());
afterAll(() => harness.stop());

it('records one history per graph', async () => {
  for (const [name, { graph, payload, event }] of Object.entries(RECORDED_GRAPHS)) {
    const { executionId } = await harness.startGraph(graph, payload ?? {}, `record-${name}`);
    if (event) {
      await new Promise((resolve) => setTimeout(resolve, 500));
      await sendExecutionEvent(harness.client, executionId, event);
    }
    await harness.waitForClose(executionId);
    const history = await harness.client.workflow.getHandle(executionId).fetchHistory();
    const file = path.join(__dirname, '..', 'fixtures', 'histories', `${name}.json`);
    // The proto-JSON format of `temporal workflow show --output json`, readable by the replayer.
    await writeFile(file, historyToJSON(history) + '\n');
  }
});
