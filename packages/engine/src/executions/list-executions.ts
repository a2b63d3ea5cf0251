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
