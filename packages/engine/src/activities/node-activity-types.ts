import type { ExpressionBindings } from '../expressions/bindings';

/** The activity contract between the interpreter and the node plugins (shared by both sides). */
export interface ExecuteNodeInput {
  nodeId: string;
  type: string;
  /**
   * Rendered params (every `{{ }}` template already evaluated by the interpreter), or, with `bindings`, the
   * node's params as saved, which the activity renders first.
   */
  params: Record<string, unknown>;
  /**
   * Set for nodes run as local activities: their input is never recorded in the history (only their
   * result is), so rendering happens here, outside the workflow sandbox, where each of the many promises
   * an expression evaluation creates would cost a captured stack trace.
   */
  bindings?: ExpressionBindings;
  /** Name of the node's credential: only the name crosses Temporal; the activity reads and decrypts it. */
  credential?: string;
  executionId: string;
  workflow: { id: string; name: string; version: number };
}

export interface ExecuteNodeResult {
  output: unknown;
  /** The attempt that succeeded, so the node map can show retries. */
  attempt: number;
}

/** Carried in the details of every failure an activity reports, for the node map. */
export interface NodeFailureDetails {
  attempt: number;
}

export interface NodeActivities {
  executeNode(input: ExecuteNodeInput): Promise<ExecuteNodeResult>;
}
