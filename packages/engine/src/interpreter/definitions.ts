/**
 * What the interpreter workflow exchanges with the outside: its input, its signal and its queries.
 * Imported by workflow code and by clients alike, so it holds only types and message definitions.
 */
import { defineQuery, defineSignal } from '@temporalio/workflow';
import type { EdgeDefinition, NodeDefinition } from '../graph/definition';

/** The one workflow type that interprets every graph (docs/executions.md). */
export const RUN_GRAPH_WORKFLOW_TYPE = 'runGraph';

/**
 * The interpreter revision the run starter writes into every new run's input: the behaviours of
 * `settleBehaviour` (interpret-node.ts) a run has without asking `patched()`.
 */
export const INTERPRETER_REVISION = 1;

export interface RunGraphInput {
  workflow: { id: string; name: string; version: number };
  /** The graph of the version current when the delivery was accepted; the run never reloads it. */
  graph: { nodes: NodeDefinition[]; edges: EdgeDefinition[] };
  trigger: { type: string; deliveryKey: string; payload: unknown };
  /** The interpreter revision the run was started for (`INTERPRETER_REVISION`); absent on older runs. */
  interpreterRevision?: number;
}

export type NodeStatus = 'pending' | 'running' | 'waiting' | 'succeeded' | 'failed' | 'skipped';

export interface NodeErrorInfo {
  code: string;
  message: string;
}

export interface NodeState {
  status: NodeStatus;
  output?: unknown;
  error?: NodeErrorInfo;
  attempts: number;
  startedAt?: string;
  finishedAt?: string;
}

export type NodeMap = Record<string, NodeState>;

/**
 * The run's result: each node's status, attempts and error, without outputs (they are in the history and the
 * `nodes` query). A result holding every output could pass Temporal's 2 MB limit and fail a finished run.
 */
export type RunSummary = Record<string, Pick<NodeState, 'status' | 'attempts' | 'error'>>;

export interface RunEvent {
  name: string;
  payload?: unknown;
}

/** Wakes `wait` nodes (docs/node-types.md); events that arrive before their node waits are kept for it. */
export const eventsSignal = defineSignal<[RunEvent]>('events');

/** The node map of docs/executions.md. */
export const nodesQuery = defineQuery<NodeMap>('nodes');

/** Everything a reader of the run needs besides Temporal's own description. */
export const runQuery = defineQuery<{
  workflow: RunGraphInput['workflow'];
  trigger: RunGraphInput['trigger'];
  nodes: NodeMap;
}>('run');
