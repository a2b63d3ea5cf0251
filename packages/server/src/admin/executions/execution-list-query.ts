import type { ExecutionFilter, ExecutionStatus } from '@hookflow/engine';
import { invalidRequest } from '../../http/invalid-request';
import { integerQuery, queryValue } from '../../http/request-input';

export const EXECUTION_STATUSES: readonly ExecutionStatus[] = [
  'running',
  'completed',
  'failed',
  'cancelled',
  'terminated',
  'timed_out',
];

export const EXECUTION_PAGE_SIZE = { min: 1, max: 1000, fallback: 50 };

/** Workflow ids are `wf_<hex>`; anything outside this set cannot be one, and never reaches the query. */
const WORKFLOW_ID = /^[A-Za-z0-9_.-]{1,200}$/;
export interface ExecutionListRequest {
  filter: ExecutionFilter;
  pageSize: number;
  /** As the client passed it back; see `PageTokenCodec`. */
  pageToken?: string;
}

/** `?workflowId&status&limit&pageToken`, each checked before it can reach a visibility query. */
export function readExecutionListQuery(query: Record<string, unknown>): ExecutionListRequest {
  const filter: ExecutionFilter = {};
  const workflowId = queryValue(query, 'workflowId');
  if (workflowId !== undefined) {
    if (!WORKFLOW_ID.test(workflowId)) throw invalidRequest('?workflowId', 'is not a workflow id');
    filter.workflowId = workflowId;
  }
  const status = queryValue(query, 'status');
  if (status !== undefined) {
    if (!(EXECUTION_STATUSES as readonly string[]).includes(status)) {
      throw invalidRequest('?status', `must be one of ${EXECUTION_STATUSES.join(', ')}`);
    }
    filter.status = status as ExecutionStatus;
  }
  const pageSize = integerQuery(query, 'limit', EXECUTION_PAGE_SIZE) ?? EXECUTION_PAGE_SIZE.fallback;
  const pageToken = queryValue(query, 'pageToken');
  return pageToken === undefined || pageToken === '' ? { filter, pageSize } : { filter, pageSize, pageToken };
}
