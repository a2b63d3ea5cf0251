import { randomUUID } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import {
  annotateWebhookSpan,
  createOutboundHttpClient,
  startRun,
  type DeliveryBatchItem,
  type Logger,
  type OutboundHttpClient,
  type TriggerPlugin,
  type TriggerRequest,
} from '@hookflow/engine';
import type { ServerContext } from '../server-context';
import type { ApiKeyVerifier } from './api-key-verifier';
import type { DeliveryRecorder } from './delivery-recorder';
import { errorToAnswer, UNAVAILABLE_RETRY_AFTER_SECONDS } from './error-answer';
import { handshakeAnswer } from './handshake-answer';
import { assertValidInput } from './input-validator';
import { assertJsonBody } from './json-body';
import { assertIdentityEncoding, assertJsonContentType } from './media-type';
import { checkParseResult } from './parse-result';
import type { RateDecision, RateLimiter } from './rate-limiter';
import { authenticate } from './trigger-auth';
import { createTriggerContext } from './trigger-context';
import { errorAnswer, ignoredAnswer, runAnswer, type WebhookAnswer } from './webhook-answer';
import { WebhookRefusal } from './webhook-refusal';
import type { WebhookWorkflow, WorkflowCache } from './workflow-cache';

/** What is known of a request so far, for the delivery log of a request refused midway. */
interface Progress {
  bytes?: number;
  deliveryKey?: string;
}

/** A webhook request as the route hands it over: nothing of Express, the body not read yet. */
export interface IncomingWebhook {
  workflowId: string;
  method: string;
  headers: IncomingHttpHeaders;
  query: Record<string, string | string[]>;
  sourceIp: string;
  receivedAt: Date;
  /** Content-Length as declared, for the log of requests refused before their body was read. */
  declaredBytes: number | undefined;
  /** Reads the body, refusing it (413) beyond `maxBytes`. */
  readBody(maxBytes: number): Promise<Buffer>;
  /** The request's logger (it carries the request id). */
  logger: Logger;
}

export interface WebhookServiceDeps {
  ctx: ServerContext;
  workflows: WorkflowCache;
  keys: ApiKeyVerifier;
  limiter: RateLimiter;
  deliveries: DeliveryRecorder;
  http?: OutboundHttpClient;
}

/**
 * `POST /webhooks/:workflowId` (SPEC §3.2). Steps, each of which may stop the request with its row of the
 * table: workflow (404, 409) → body size (413) → media type (415) → plugin auth (401, 403) → rate limit (429)
 * → JSON well-formed (400) → plugin parse → handshake / ignore / event → inputSchema (422) → durable start
 * (202, 200 duplicate, 503). Every request to an existing workflow lands in the delivery log.
 */
export class WebhookService {
  private readonly http: OutboundHttpClient;

  constructor(private readonly deps: WebhookServiceDeps) {
    this.http = deps.http ?? createOutboundHttpClient();
  }

  async handle(request: IncomingWebhook): Promise<WebhookAnswer> {
    let workflow: WebhookWorkflow | undefined;
    try {
      workflow = await this.deps.workflows.find(request.workflowId);
    } catch (error) {
      return this.finish(request, undefined, errorToAnswer(error, request.logger), undefined);
    }
    if (!workflow) {
      const answer = errorAnswer(404, 'workflow_not_found', 'No workflow has this URL');
      return this.finish(request, undefined, answer, undefined);
    }
    const progress: Progress = {};
    let answer: WebhookAnswer;
    try {
      answer = await this.handleForWorkflow(request, workflow, progress);
    } catch (error) {
      answer = errorToAnswer(error, request.logger);
      // A sender retrying after a 503 can be matched to its later success by the delivery key.
      if (progress.deliveryKey !== undefined) answer.deliveryKey = progress.deliveryKey;
    }
    return this.finish(request, workflow, answer, progress.bytes ?? request.declaredBytes ?? 0);
  }

  private async handleForWorkflow(
    request: IncomingWebhook,
    workflow: WebhookWorkflow,
    progress: Progress,
  ): Promise<WebhookAnswer> {
    const { ctx } = this.deps;
    if (!workflow.enabled) throw new WebhookRefusal(409, 'workflow_disabled', 'This workflow is disabled');
    const plugin = ctx.registry.trigger(workflow.definition.trigger.type);
    if (!plugin) {
      // The plugin was removed from HOOKFLOW_PLUGINS after the workflow was saved: an operator must act.
      request.logger.error({ triggerType: workflow.definition.trigger.type }, 'trigger type of workflow not loaded');
      throw new WebhookRefusal(503, 'unavailable', 'The trigger type of this workflow is not available', {
        reason: `trigger type "${workflow.definition.trigger.type}" is not loaded`,
        headers: { 'Retry-After': String(UNAVAILABLE_RETRY_AFTER_SECONDS) },
      });
    }

    const rawBody = await request.readBody(ctx.config.webhookMaxBytes);
    progress.bytes = rawBody.length;
    assertIdentityEncoding(request.headers);
    if (plugin.accepts === 'json') assertJsonContentType(request.headers);
    const triggerRequest: TriggerRequest = {
      method: request.method,
      headers: request.headers,
      query: request.query,
      rawBody,
      sourceIp: request.sourceIp,
      receivedAt: request.receivedAt,
    };

    await this.authenticateAndLimit(plugin, triggerRequest, workflow);
    if (plugin.accepts === 'json') assertJsonBody(rawBody);

    const triggerContext = createTriggerContext({
      workflow,
      config: ctx.config,
      store: ctx.store,
      http: this.http,
      logger: request.logger.child({ workflowId: workflow.id, triggerType: plugin.type }),
    });
    const parsed = checkParseResult(await plugin.parse(triggerRequest, triggerContext));
    if (parsed.kind === 'handshake') {
      return handshakeAnswer(
        plugin.confirm ? await plugin.confirm(parsed.handshake, triggerRequest, triggerContext) : undefined,
      );
    }
    if (parsed.kind === 'ignore') return ignoredAnswer(parsed.reason);

    assertValidInput(workflow, 'input' in parsed ? parsed.input : parsed.payload);
    const deliveryKey = parsed.deliveryKey ?? randomUUID();
    progress.deliveryKey = deliveryKey;
    const run = await startRun(ctx.temporal.client, ctx.config.taskQueue, {
      workflow: { id: workflow.id, name: workflow.name, version: workflow.version },
      graph: { nodes: workflow.definition.nodes, edges: workflow.definition.edges },
      trigger: { type: plugin.type, deliveryKey, payload: parsed.payload },
    });
    return runAnswer(run, deliveryKey);
  }

  /** Auth (401/403), then the rate limit of the key that matched (429), or of the workflow for keyless plugins. */
  private async authenticateAndLimit(
    plugin: TriggerPlugin,
    request: TriggerRequest,
    workflow: WebhookWorkflow,
  ): Promise<void> {
    let decision: RateDecision | undefined;
    const authenticated = await authenticate(plugin, request, workflow, this.deps.keys, (apiKeyId) => {
      decision = this.deps.limiter.take(`key:${apiKeyId}`);
    });
    decision ??= this.deps.limiter.take(`workflow:${workflow.id}`);
    if (!decision.ok) {
      throw new WebhookRefusal(429, 'rate_limited', 'Too many requests for this API key; slow down', {
        reason: authenticated.apiKeyId ? 'API key over its rate limit' : 'workflow over its rate limit',
        headers: { 'Retry-After': String(decision.retryAfterSeconds) },
      });
    }
  }

  /** Records the delivery (existing workflows only) and logs one line per request; returns the answer. */
  private finish(
    request: IncomingWebhook,
    workflow: WebhookWorkflow | undefined,
    answer: WebhookAnswer,
    bytes: number | undefined,
  ): WebhookAnswer {
    const triggerType = workflow?.definition.trigger.type;
    if (workflow && triggerType !== undefined) {
      const entry: DeliveryBatchItem = {
        workflowId: workflow.id,
        receivedAt: request.receivedAt,
        triggerType,
        outcome: answer.outcome,
        status: answer.status,
        sourceIp: request.sourceIp,
        bytes: bytes ?? 0,
      };
      if (answer.errorCode !== undefined) entry.errorCode = answer.errorCode;
      if (answer.reason !== undefined) entry.reason = answer.reason;
      if (answer.executionId !== undefined) entry.executionId = answer.executionId;
      if (answer.deliveryKey !== undefined) entry.deliveryKey = answer.deliveryKey;
      this.deps.deliveries.record(entry);
    }
    annotateWebhookSpan({
      triggerType,
      outcome: answer.outcome,
      status: answer.status,
      ...(answer.executionId !== undefined ? { executionId: answer.executionId } : {}),
    });
    this.deps.ctx.metrics.delivery({
      triggerType,
      outcome: answer.outcome,
      status: answer.status,
      durationSeconds: (Date.now() - request.receivedAt.getTime()) / 1000,
    });
    request.logger.info(
      {
        workflowId: request.workflowId,
        ...(triggerType !== undefined ? { triggerType } : {}),
        outcome: answer.outcome,
        status: answer.status,
        ...(answer.errorCode !== undefined ? { errorCode: answer.errorCode } : {}),
        ...(answer.reason !== undefined ? { reason: answer.reason } : {}),
        ...(answer.executionId !== undefined ? { executionId: answer.executionId } : {}),
      },
      'webhook delivery',
    );
    return answer;
  }
}
