import { condition, patched, proxyActivities, proxyLocalActivities, sleep, workflowInfo } from '@temporalio/workflow';
import type { NodeActivities } from '../activities/node-activity-types';
import {
  evaluateCondition,
  LEGACY_EXPRESSION_LIMITS,
  renderParams,
  type ExpressionBindings,
  type ExpressionLimits,
} from '../expressions';
import { MAX_TIMER_SECONDS } from '../graph/control-nodes';
import type { NodeDefinition } from '../graph/definition';
import type { RunEvent, RunGraphInput } from './definitions';
import { NodeFailure } from './node-failure';

/** Defaults where a node sets no `retry`/`timeoutMs` (the spec leaves them open). */
export const DEFAULT_NODE_TIMEOUT_MS = 5 * 60_000;
export const DEFAULT_RETRY = {
  maximumAttempts: 3,
  initialIntervalMs: 1000,
  backoffCoefficient: 2,
  maximumIntervalMs: 60_000,
} as const;

/**
 * Built-in action node types that only compute from their params or write a log line. They run as local
 * activities: the same `executeNode` code, retry policy, attempt count and node summary, but executed by the
 * worker that holds the workflow task, without a task-queue round trip; their results are recorded as
 * markers and several complete inside one workflow task (docs/executions.md). Their templates are rendered
 * by the activity, outside the workflow sandbox, where the SDK captures a stack trace for every promise
 * (and JSONata creates many).
 */
export const LOCAL_NODE_TYPES: ReadonlySet<string> = new Set(['transform', 'log']);
/** Runs recorded before local execution scheduled these nodes as regular activities replay that way. */
export const LOCAL_NODES_PATCH = 'hookflow-local-builtin-nodes';

export interface NodeInterpretContext {
  input: RunGraphInput;
  /** How this run interprets nodes, settled when it started (`settleBehaviour`). */
  behaviour: InterpreterBehaviour;
  executionId: string;
  bindings: () => ExpressionBindings;
  /** Marks the node `waiting` while a `wait` node blocks on its event. */
  markWaiting: () => void;
  /** Takes the oldest unconsumed event of that name, if any. */
  takeEvent: (name: string) => RunEvent | undefined;
  /** Records the attempt count once known. */
  setAttempts: (attempts: number) => void;
}

export function maximumAttemptsOf(node: NodeDefinition): number {
  return node.retry?.maximumAttempts ?? DEFAULT_RETRY.maximumAttempts;
}

/** Runs one node: control flow here in the workflow, action nodes in an activity. Returns its output. */
export async function interpretNode(node: NodeDefinition, ctx: NodeInterpretContext): Promise<unknown> {
  switch (node.type) {
    case 'condition':
      return runCondition(node, ctx);
    case 'delay':
      return runDelay(node, ctx);
    case 'wait':
      return runWait(node, ctx);
    case 'fail':
      return runFail(node, ctx);
    default:
      return runAction(node, ctx);
  }
}

/**
 * Runs accepted before expressions had allocation bounds and rendered control params were checked replay
 * with the old behaviour; `patched` records which side a run is on, once, in its history.
 */
const BOUNDED_EVALUATION_PATCH = 'hookflow-bounded-expressions-and-control-params';

/** The interpreter's behaviours that changed what runs record in their histories. */
export interface InterpreterBehaviour {
  /** `transform` and `log` run as local activities (`LOCAL_NODES_PATCH`). */
  localBuiltinNodes: boolean;
  /** Expressions are bounded, rendered control params checked again (`BOUNDED_EVALUATION_PATCH`). */
  boundedEvaluation: boolean;
}

/**
 * A run that carries `interpreterRevision` 1 has every behaviour above and needs no `patched()` marker, which
 * costs each run a history event, a `TemporalChangeVersion` search-attribute upsert and a visibility write in
 * Temporal. A run without it was started before revisions existed and settles each behaviour through
 * `patched()`, as it always did. A future change that alters histories raises `INTERPRETER_REVISION` and asks
 * `patched()` only for runs of lower revisions.
 *
 * Settled at the start of a run, before any command. Asked lazily, a patch marker could
 * follow a local activity's marker in the same workflow task, and a replay (a new worker, no sticky cache)
 * asks for it only after that local activity resolves: Temporal then fails the task as nondeterministic.
 */
export function settleBehaviour(input: RunGraphInput): InterpreterBehaviour {
  if ((input.interpreterRevision ?? 0) >= 1) {
    // A worker of the previous release (during an upgrade) may have run this run's first task and recorded the
    // markers anyway; a replay must consume them. Asked while replaying, `patched()` records nothing.
    if (workflowInfo().unsafe.isReplaying) settlePatches();
    return { localBuiltinNodes: true, boundedEvaluation: true };
  }
  return settlePatches();
}

function settlePatches(): InterpreterBehaviour {
  return {
    localBuiltinNodes: patched(LOCAL_NODES_PATCH),
    boundedEvaluation: patched(BOUNDED_EVALUATION_PATCH),
  };
}

function expressionLimits(ctx: NodeInterpretContext): Partial<ExpressionLimits> {
  return ctx.behaviour.boundedEvaluation ? {} : LEGACY_EXPRESSION_LIMITS;
}

async function render(node: NodeDefinition, ctx: NodeInterpretContext): Promise<Record<string, unknown>> {
  return renderParams(node.params, ctx.bindings(), { nodeId: node.id, limits: expressionLimits(ctx) });
}

async function runCondition(node: NodeDefinition, ctx: NodeInterpretContext): Promise<{ result: boolean }> {
  ctx.setAttempts(1);
  const expression = typeof node.params.expression === 'string' ? node.params.expression : '';
  return {
    result: await evaluateCondition(expression, ctx.bindings(), { nodeId: node.id, limits: expressionLimits(ctx) }),
  };
}

/**
 * Params rendered from trigger data are checked again, as the node type's schema says (`seconds` a number
 * from 0 to `MAX_TIMER_SECONDS`, ...): a template passes the check on save whatever it renders to.
 */
function invalidParams(node: NodeDefinition, message: string): NodeFailure {
  return new NodeFailure('invalid_params', `node "${node.id}": ${message}`);
}

function checkTimerSeconds(node: NodeDefinition, name: string, value: unknown, positive: boolean): number {
  const ok =
    typeof value === 'number' &&
    Number.isFinite(value) &&
    (positive ? value > 0 : value >= 0) &&
    value <= MAX_TIMER_SECONDS;
  if (!ok) {
    const shown = JSON.stringify(value) ?? String(value);
    throw invalidParams(
      node,
      `params.${name} must be a number ${positive ? 'above' : 'from'} 0 ${positive ? 'and at most' : 'to'} ${MAX_TIMER_SECONDS}, got ${shown.length > 40 ? `${shown.slice(0, 40)}…` : shown}`,
    );
  }
  return value;
}

/** The rendered `delay` params as a time to wait for, or a node failure (`invalid_params`). */
function delayUntil(node: NodeDefinition, params: Record<string, unknown>, now: number): number {
  if ((params.seconds === undefined) === (params.until === undefined)) {
    throw invalidParams(node, 'needs exactly one of "seconds", "until"');
  }
  if (params.until === undefined) return now + checkTimerSeconds(node, 'seconds', params.seconds, false) * 1000;
  const until = typeof params.until === 'string' ? Date.parse(params.until) : Number.NaN;
  if (Number.isNaN(until)) throw invalidParams(node, 'params.until is not a date');
  if (until - now > MAX_TIMER_SECONDS * 1000) {
    throw invalidParams(node, `params.until is more than ${MAX_TIMER_SECONDS} seconds away`);
  }
  return until;
}

async function runDelay(node: NodeDefinition, ctx: NodeInterpretContext): Promise<{ until: string }> {
  ctx.setAttempts(1);
  const params = await render(node, ctx);
  const now = Date.now(); // workflow time: deterministic on replay
  if (ctx.behaviour.boundedEvaluation) {
    const until = delayUntil(node, params, now);
    if (until > now) await sleep(until - now, { summary: `delay ${node.id}` });
    return { until: new Date(until).toISOString() };
  }
  const until =
    typeof params.until === 'string' ? Date.parse(params.until) : now + Math.max(0, Number(params.seconds ?? 0)) * 1000;
  if (Number.isNaN(until)) throw new NodeFailure('invalid_params', `node "${node.id}": params.until is not a date`);
  // A durable timer: it lives in Temporal, so it survives worker restarts.
  if (until > now) await sleep(until - now, { summary: `delay ${node.id}` });
  return { until: new Date(until).toISOString() };
}

async function runWait(node: NodeDefinition, ctx: NodeInterpretContext): Promise<{ payload: unknown }> {
  ctx.setAttempts(1);
  const params = await render(node, ctx);
  if (ctx.behaviour.boundedEvaluation) {
    if (typeof params.event !== 'string' || params.event === '' || params.event.length > 200) {
      throw invalidParams(node, 'params.event must be a string of 1 to 200 characters');
    }
    if (params.timeoutSeconds !== undefined) checkTimerSeconds(node, 'timeoutSeconds', params.timeoutSeconds, true);
  }
  const name = String(params.event);
  let event = ctx.takeEvent(name);
  if (!event) {
    ctx.markWaiting();
    const timeoutSeconds = typeof params.timeoutSeconds === 'number' ? params.timeoutSeconds : undefined;
    const woken = () => (event = ctx.takeEvent(name)) !== undefined;
    if (timeoutSeconds === undefined) await condition(woken);
    else if (!(await condition(woken, timeoutSeconds * 1000, { summary: `wait ${node.id}` }))) {
      throw new NodeFailure('wait_timeout', `node "${node.id}": no "${name}" event within ${timeoutSeconds} s`);
    }
  }
  return { payload: event?.payload };
}

async function runFail(node: NodeDefinition, ctx: NodeInterpretContext): Promise<never> {
  ctx.setAttempts(1);
  const params = await render(node, ctx);
  throw new NodeFailure('fail_node', typeof params.message === 'string' ? params.message : `node "${node.id}" failed`);
}

async function runAction(node: NodeDefinition, ctx: NodeInterpretContext): Promise<unknown> {
  const local = LOCAL_NODE_TYPES.has(node.type) && ctx.behaviour.localBuiltinNodes;
  // A local activity renders its own params (see ExecuteNodeInput.bindings); the others get them rendered,
  // so that the history shows what each attempt was given.
  const params = local ? node.params : await render(node, ctx);
  const retry = { ...DEFAULT_RETRY, ...node.retry };
  const timeoutMs = node.timeoutMs ?? DEFAULT_NODE_TIMEOUT_MS;
  const retryPolicy = {
    maximumAttempts: retry.maximumAttempts,
    initialInterval: retry.initialIntervalMs,
    backoffCoefficient: retry.backoffCoefficient,
    maximumInterval: retry.maximumIntervalMs,
  };
  const summary = `${node.id} (${node.type})`;
  const { executeNode } = local
    ? proxyLocalActivities<NodeActivities>({ startToCloseTimeout: timeoutMs, retry: retryPolicy, summary })
    : proxyActivities<NodeActivities>({
        startToCloseTimeout: timeoutMs,
        // Heartbeats carry cancellation to the activity and detect a dead worker sooner than the timeout.
        ...(timeoutMs > 30_000 ? { heartbeatTimeout: 30_000 } : {}),
        retry: retryPolicy,
        summary,
      });
  const { output, attempt } = await executeNode({
    nodeId: node.id,
    type: node.type,
    params,
    ...(node.credential !== undefined ? { credential: node.credential } : {}),
    ...(local ? { bindings: ctx.bindings() } : {}),
    executionId: ctx.executionId,
    workflow: ctx.input.workflow,
  });
  ctx.setAttempts(attempt);
  return output;
}
