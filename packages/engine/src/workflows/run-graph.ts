import { setHandler } from '@temporalio/workflow';
import { eventsSignal, nodesQuery, runQuery, type NodeMap, type RunGraphInput } from './definitions';
import { GraphRun } from './graph-run';

/** The interpreter: one workflow type that executes any Hookflow graph (SPEC §5). */
export async function runGraph(input: RunGraphInput): Promise<NodeMap> {
  const run = new GraphRun(input);
  setHandler(nodesQuery, () => run.snapshot());
  setHandler(runQuery, () => ({ workflow: input.workflow, trigger: input.trigger, nodes: run.snapshot() }));
  setHandler(eventsSignal, (event) => run.receiveEvent(event));
  return run.execute();
}
