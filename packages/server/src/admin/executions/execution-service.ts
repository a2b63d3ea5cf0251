import {
  cancelExecution,
  executionListQuery,
  listExecutions,
  readExecution,
  sendExecutionEvent,
  type Execution,
  type ExecutionSummary,
} from '@hookflow/engine';
import { invalidRequest } from '../../http/invalid-request';
import { boundedNesting, objectBody, onlyFields } from '../../http/request-input';
import type { ServerContext } from '../../server-context';
import { readExecutionListQuery } from './execution-list-query';
import { PageTokenCodec } from './page-token';

/** An admin request waits this long for Temporal before answering 503 `unavailable`. */
const TEMPORAL_TIMEOUT_MS = 5000;
/** The `wait` node's `event` is at most this long (docs/node-types.md node type schema). */
const MAX_EVENT_NAME_LENGTH = 200;

export interface ExecutionPageResource {
  items: ExecutionSummary[];
  /** Pass back as `?pageToken` for the next page; null on the last one. */
  nextPageToken: string | null;
}

/** Runs as Temporal knows them (docs/executions.md): listed from visibility, read, signalled and cancelled. */
export class ExecutionService {
  private readonly pageTokens: PageTokenCodec;

  constructor(private readonly ctx: Pick<ServerContext, 'config' | 'temporal'>) {
    this.pageTokens = new PageTokenCodec(ctx.config.adminToken);
  }

  private get ui() {
    return { uiUrl: this.ctx.config.temporalUiUrl, namespace: this.ctx.config.temporalNamespace };
  }

  async list(query: Record<string, unknown>): Promise<ExecutionPageResource> {
    const { filter, pageSize, pageToken } = readExecutionListQuery(query);
    const visibilityQuery = executionListQuery(filter);
    const page = await listExecutions(this.ctx.temporal.client, {
      filter,
      pageSize,
      ...(pageToken !== undefined ? { nextPageToken: this.pageTokens.decode(pageToken, visibilityQuery) } : {}),
      ui: this.ui,
      timeoutMs: TEMPORAL_TIMEOUT_MS,
    });
    return { items: page.items, nextPageToken: this.pageTokens.encode(page.nextPageToken, visibilityQuery) };
  }

  /** 404 `execution_not_found` for an unknown id. */
  get(executionId: string): Promise<Execution> {
    return this.withDeadline(() => readExecution(this.ctx.temporal.client, executionId, this.ui));
  }

  /** Body `{name, payload?}`; wakes the run's `wait` nodes for `name`. 409 `execution_closed` once it ended. */
  async sendEvent(executionId: string, body: unknown): Promise<void> {
    const input = objectBody(body);
    onlyFields(input, ['name', 'payload']);
    const name = input.name;
    if (typeof name !== 'string' || name.length === 0 || name.length > MAX_EVENT_NAME_LENGTH) {
      throw invalidRequest('/name', `is required: the event name, 1-${MAX_EVENT_NAME_LENGTH} characters`);
    }
    const event = {
      name,
      ...(input.payload !== undefined ? { payload: boundedNesting(input.payload, '/payload') } : {}),
    };
    await this.withDeadline(() => sendExecutionEvent(this.ctx.temporal.client, executionId, event));
  }

  /** Requests cancellation: the run ends `cancelled`. 409 `execution_closed` when it already ended. */
  cancel(executionId: string): Promise<void> {
    return this.withDeadline(() => cancelExecution(this.ctx.temporal.client, executionId));
  }

  /** Every Temporal call of the request shares one deadline, so an unreachable Temporal answers 503 quickly. */
  private withDeadline<T>(call: () => Promise<T>): Promise<T> {
    return this.ctx.temporal.client.withDeadline(Date.now() + TEMPORAL_TIMEOUT_MS, call);
  }
}
