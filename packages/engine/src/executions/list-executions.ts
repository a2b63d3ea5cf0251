import type { Client } from '@temporalio/client';
import { defaultPayloadConverter, optionalTsToDate } from '@temporalio/common';
import { temporal } from '@temporalio/proto';
import { callTemporal } from '../temporal/unavailable';
import { RUN_GRAPH_WORKFLOW_TYPE } from '../interpreter/definitions';
import { executionStatusOf, temporalUiUrlOf, type ExecutionStatus } from './read-execution';

/** One run in a listing (`GET /executions`), read from Temporal visibility without querying the run. */
export interface ExecutionSummary {
  executionId: string;
  runId: string;
  workflowId: string;
  version: number;
  status: ExecutionStatus;
  startedAt: string;
  closedAt?: string;
  temporalUiUrl: string;
  /** The execution this one re-runs. */
  rerunOf?: string;
}

export interface ExecutionFilter {
  /** Hookflow workflow id (the `HookflowWorkflowId` search attribute). */
  workflowId?: string;
  status?: ExecutionStatus;
}

export interface ListExecutionsOptions {
  filter: ExecutionFilter;
  pageSize: number;
  /**
   * Temporal's opaque token from the previous page. Temporal does not refuse a forged one cleanly (it fails
   * with a retryable UNKNOWN, or serves some page), so callers pass back only tokens they issued.
   */
  nextPageToken?: Uint8Array;
  ui: { uiUrl: string; namespace: string };
  /** Default 5000 ms. */
  timeoutMs?: number;
}

export interface ExecutionPage {
  items: ExecutionSummary[];
  /** Absent on the last page. */
  nextPageToken?: Uint8Array;
}

/** Visibility names of each API status; a continued-as-new run shows as `completed`, as in `executionStatusOf`. */
const VISIBILITY_STATUS_NAMES: Record<ExecutionStatus, string[]> = {
  running: ['Running'],
  completed: ['Completed', 'ContinuedAsNew'],
  failed: ['Failed'],
  cancelled: ['Canceled'],
  terminated: ['Terminated'],
  timed_out: ['TimedOut'],
};

/** The visibility query of a filter: only Hookflow runs; values are quoted, so none can change the query. */
export function executionListQuery(filter: ExecutionFilter): string {
  const clauses = [`WorkflowType = ${quoteQueryValue(RUN_GRAPH_WORKFLOW_TYPE)}`];
  if (filter.workflowId !== undefined) clauses.push(`HookflowWorkflowId = ${quoteQueryValue(filter.workflowId)}`);
  if (filter.status !== undefined) {
    const names = VISIBILITY_STATUS_NAMES[filter.status];
    clauses.push(`(${names.map((name) => `ExecutionStatus = ${quoteQueryValue(name)}`).join(' OR ')})`);
  }
  return clauses.join(' AND ');
}

/** One page of Hookflow runs from Temporal visibility, newest first (visibility lags a run's start briefly). */
export async function listExecutions(client: Client, options: ListExecutionsOptions): Promise<ExecutionPage> {
  const request = {
    namespace: options.ui.namespace,
    pageSize: options.pageSize,
    query: executionListQuery(options.filter),
    ...(options.nextPageToken ? { nextPageToken: options.nextPageToken } : {}),
  };
  const response = await callTemporal('list executions', () =>
    client.withDeadline(Date.now() + (options.timeoutMs ?? 5000), () =>
      client.workflowService.listWorkflowExecutions(request),
    ),
  );
  const items = (response.executions ?? []).map((info) => toSummary(info, options.ui));
  const token = response.nextPageToken;
  return token && token.length > 0 ? { items, nextPageToken: token } : { items };
}

function toSummary(
  info: temporal.api.workflow.v1.IWorkflowExecutionInfo,
  ui: ListExecutionsOptions['ui'],
): ExecutionSummary {
  const executionId = info.execution?.workflowId ?? '';
  const runId = info.execution?.runId ?? '';
  const startedAt = optionalTsToDate(info.startTime);
  const closedAt = optionalTsToDate(info.closeTime);
  const rerunOf = stringOf(memoValue(info, 'rerunOf'));
  return {
    executionId,
    runId,
    workflowId: stringOf(memoValue(info, 'workflowId')) ?? stringOf(searchAttribute(info, 'HookflowWorkflowId')) ?? '',
    version: numberOf(memoValue(info, 'version')) ?? numberOf(searchAttribute(info, 'HookflowVersion')) ?? 0,
    status: executionStatusOf(statusName(info.status)),
    startedAt: (startedAt ?? new Date(0)).toISOString(),
    ...(closedAt ? { closedAt: closedAt.toISOString() } : {}),
    temporalUiUrl: temporalUiUrlOf(ui.uiUrl, ui.namespace, executionId, runId || undefined),
    ...(rerunOf !== undefined ? { rerunOf } : {}),
  };
}

/** `WORKFLOW_EXECUTION_STATUS_RUNNING` → `RUNNING`, the names `executionStatusOf` maps. */
function statusName(status: temporal.api.enums.v1.WorkflowExecutionStatus | null | undefined): string {
  const name = temporal.api.enums.v1.WorkflowExecutionStatus[status ?? 0] ?? '';
  return name.replace(/^WORKFLOW_EXECUTION_STATUS_/, '');
}

function memoValue(info: temporal.api.workflow.v1.IWorkflowExecutionInfo, key: string): unknown {
  return decodePayload(info.memo?.fields?.[key]);
}

function searchAttribute(info: temporal.api.workflow.v1.IWorkflowExecutionInfo, key: string): unknown {
  const value = decodePayload(info.searchAttributes?.indexedFields?.[key]);
  // Keyword lists come back as arrays.
  return Array.isArray(value) ? (value as unknown[])[0] : value;
}

function decodePayload(payload: temporal.api.common.v1.IPayload | null | undefined): unknown {
  if (!payload) return undefined;
  try {
    return defaultPayloadConverter.fromPayload(payload);
  } catch {
    return undefined;
  }
}

function stringOf(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

function numberOf(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
}

/** A visibility query string literal: backslash and quote escaped. */
function quoteQueryValue(value: string): string {
  return `'${value.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
}

/** A run started by a webhook delivery, as visibility lists it: enough to rebuild its delivery-log entry. */
export interface DeliveryRun {
  executionId: string;
  deliveryKey: string;
  triggerType: string;
  startedAt: Date;
}

/** Delivery keys of re-runs (`rerun-<uuid>`): runs the admin API started, not deliveries. */
const RERUN_KEY = /^rerun-[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/**
 * The newest runs of a Hookflow workflow that webhook deliveries started (not manual runs or re-runs), started
 * within `(startedAfter, startedBefore)`, newest first, at most `limit`. Read from the search attributes and
 * the id alone, so it works with payload encryption on (the memo is encrypted then).
 */
export async function listDeliveryRuns(
  client: Client,
  options: {
    namespace: string;
    workflowId: string;
    startedBefore: Date;
    startedAfter?: Date;
    limit: number;
    timeoutMs?: number;
  },
): Promise<DeliveryRun[]> {
  const clauses = [
    executionListQuery({ workflowId: options.workflowId }),
    `HookflowTriggerType != 'manual'`,
    `StartTime < ${quoteQueryValue(options.startedBefore.toISOString())}`,
    ...(options.startedAfter ? [`StartTime > ${quoteQueryValue(options.startedAfter.toISOString())}`] : []),
  ];
  const response = await callTemporal('list delivery runs', () =>
    client.withDeadline(Date.now() + (options.timeoutMs ?? 5000), () =>
      client.workflowService.listWorkflowExecutions({
        namespace: options.namespace,
        pageSize: options.limit,
        query: clauses.join(' AND '),
      }),
    ),
  );
  const prefix = `${options.workflowId}:`;
  const runs: DeliveryRun[] = [];
  for (const info of response.executions ?? []) {
    const executionId = info.execution?.workflowId ?? '';
    const startedAt = optionalTsToDate(info.startTime);
    const triggerType = stringOf(searchAttribute(info, 'HookflowTriggerType'));
    if (!executionId.startsWith(prefix) || !startedAt || triggerType === undefined) continue;
    const deliveryKey = executionId.slice(prefix.length);
    if (RERUN_KEY.test(deliveryKey) || memoValue(info, 'rerunOf') !== undefined) continue;
    runs.push({ executionId, deliveryKey, triggerType, startedAt });
  }
  return runs.slice(0, options.limit);
}
