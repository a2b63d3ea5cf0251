import { ApplicationFailure, setHandler } from '@temporalio/workflow';
import { eventsSignal, nodesQuery, runQuery, type RunGraphInput, type RunSummary } from './definitions';
import { GraphRun } from './graph-run';
import { settleBehaviour } from './interpret-node';

/** The interpreter: one workflow type that executes any Hookflow graph (docs/workflows.md). */
export async function runGraph(input: RunGraphInput): Promise<RunSummary> {
  let run: GraphRun;
  try {
    run = new GraphRun(input);
  } catch (error) {
    // A graph that was never validated (a cycle, an edge to nowhere) fails the run instead of looping its task.
    throw ApplicationFailure.nonRetryable(`invalid graph: ${(error as Error).message}`, 'invalid_graph');
  }
  setHandler(nodesQuery, () => run.snapshot());
  setHandler(runQuery, () => ({ workflow: input.workflow, trigger: input.trigger, nodes: run.snapshot() }));
  setHandler(eventsSignal, (event) => run.receiveEvent(event));
  return run.execute(settleBehaviour(input));
}
