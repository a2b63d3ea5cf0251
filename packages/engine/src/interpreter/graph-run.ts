import {
  ApplicationFailure,
  CancellationScope,
  CancelledFailure,
  isCancellation,
  workflowInfo,
} from '@temporalio/workflow';
import type { ExpressionBindings } from '../expressions';
import type { EdgeDefinition, NodeDefinition } from '../graph/definition';
import { incomingEdges } from '../graph/incoming-edges';
import type { NodeMap, NodeState, RunEvent, RunGraphInput, RunSummary } from './definitions';
import { describeNodeFailure } from './node-failure';
import { maximumAttemptsOf, interpretNode, type InterpreterBehaviour } from './interpret-node';

/**
 * One run of a graph (docs/workflows.md): roots start together; a node is ready once every predecessor has
 * settled, runs if at least one incoming edge was taken, and is skipped otherwise (skips propagate).
 * A failure with `onError: "fail"` cancels whatever still runs and fails the run.
 */
export class GraphRun {
  private readonly nodes: NodeMap = {};
  private readonly incoming: ReturnType<typeof incomingEdges>;
  private readonly events: RunEvent[] = [];
  /** Every node task runs in this scope, so a fatal failure can cancel the rest at once. */
  private readonly scope = new CancellationScope();
  private fatal: { nodeId: string; code: string; message: string } | undefined;
  private readonly startedAt = workflowInfo().startTime.toISOString();

  constructor(private readonly input: RunGraphInput) {
    this.incoming = incomingEdges(input.graph);
    for (const node of input.graph.nodes) this.nodes[node.id] = { status: 'pending', attempts: 0 };
  }

  /** A copy for queries and the result (the workflow sandbox has no structuredClone; the map is plain JSON). */
  snapshot(): NodeMap {
    return JSON.parse(JSON.stringify(this.nodes)) as NodeMap;
  }

  receiveEvent(event: RunEvent): void {
    this.events.push(event);
  }

  /** Statuses, attempts and errors: the run's result (outputs stay readable through the query). */
  summary(): RunSummary {
    const summary: RunSummary = {};
    for (const [id, state] of Object.entries(this.nodes)) {
      summary[id] = { status: state.status, attempts: state.attempts, ...(state.error ? { error: state.error } : {}) };
    }
    return JSON.parse(JSON.stringify(summary)) as RunSummary;
  }

  async execute(behaviour: InterpreterBehaviour): Promise<RunSummary> {
    const running = new Map<string, Promise<void>>();
    for (;;) {
      let progressed = true;
      while (progressed) {
        progressed = false;
        for (const node of this.readyNodes()) {
          progressed = true;
          // After a fatal failure nothing new starts; what never ran is reported as skipped.
          if (!this.fatal && this.anyIncomingTaken(node)) {
            this.nodes[node.id]!.status = 'running';
            running.set(
              node.id,
              this.scope.run(() => this.run(node, behaviour)).finally(() => running.delete(node.id)),
            );
          } else {
            this.nodes[node.id]!.status = 'skipped';
          }
        }
      }
      if (running.size === 0) break;
      await Promise.race(running.values());
    }

    if (CancellationScope.current().consideredCancelled) throw new CancelledFailure('run cancelled');
    if (this.fatal) {
      throw ApplicationFailure.create({
        type: this.fatal.code,
        message: `node "${this.fatal.nodeId}" failed: ${this.fatal.message}`,
        nonRetryable: true,
        details: [{ nodeId: this.fatal.nodeId }],
      });
    }
    return this.summary();
  }

  private readyNodes(): NodeDefinition[] {
    return this.input.graph.nodes.filter(
      (node) =>
        this.nodes[node.id]!.status === 'pending' &&
        this.incoming.get(node.id)!.every((edge) => isSettled(this.nodes[edge.from]!)),
    );
  }

  private anyIncomingTaken(node: NodeDefinition): boolean {
    const edges = this.incoming.get(node.id)!;
    return edges.length === 0 || edges.some((edge) => this.isTaken(edge));
  }

  private isTaken(edge: EdgeDefinition): boolean {
    const source = this.nodes[edge.from]!;
    const when = edge.when ?? 'success';
    if (source.status === 'failed') return when === 'error' && source.error?.code !== 'cancelled';
    if (source.status !== 'succeeded') return false;
    if (when === 'success') return true;
    if (when === 'true' || when === 'false')
      return (source.output as { result?: unknown })?.result === (when === 'true');
    return false;
  }

  private async run(node: NodeDefinition, behaviour: InterpreterBehaviour): Promise<void> {
    const state = this.nodes[node.id]!;
    state.startedAt = new Date().toISOString();
    try {
      state.output = await interpretNode(node, {
        input: this.input,
        behaviour,
        executionId: workflowInfo().workflowId,
        bindings: () => this.bindings(),
        markWaiting: () => (state.status = 'waiting'),
        takeEvent: (name) => this.takeEvent(name),
        setAttempts: (attempts) => (state.attempts = attempts),
      });
      state.status = 'succeeded';
    } catch (error) {
      // Every error ends here, bugs included: a node fails, the run decides; a workflow task never loops.
      const { info, attempts } = describeNodeFailure(error, maximumAttemptsOf(node));
      state.status = 'failed';
      state.error = info;
      if (attempts !== undefined) state.attempts = attempts;
      else if (state.attempts === 0 && !isCancellation(error)) state.attempts = 1;
      const failsRun = node.type === 'fail' || (node.onError ?? 'fail') === 'fail';
      if (!isCancellation(error) && failsRun && !this.fatal) {
        this.fatal = { nodeId: node.id, ...info };
        this.scope.cancel();
      }
    } finally {
      state.finishedAt = new Date().toISOString();
    }
  }

  private bindings(): ExpressionBindings {
    const nodes: Record<string, { output: unknown }> = {};
    for (const [id, state] of Object.entries(this.nodes)) {
      if (state.status === 'succeeded') nodes[id] = { output: state.output };
    }
    return {
      trigger: this.input.trigger.payload,
      nodes,
      workflow: this.input.workflow,
      execution: { id: workflowInfo().workflowId, startedAt: this.startedAt },
    };
  }

  private takeEvent(name: string): RunEvent | undefined {
    const index = this.events.findIndex((event) => event.name === name);
    return index === -1 ? undefined : this.events.splice(index, 1)[0];
  }
}

function isSettled(state: NodeState): boolean {
  return state.status === 'succeeded' || state.status === 'failed' || state.status === 'skipped';
}
