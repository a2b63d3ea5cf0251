import { randomUUID } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import { annotateWebhookSpan, type DeliveryBatchItem, type Logger } from '@hookflow/engine';
import { TriggerError, type OutboundHttpClient } from '@hookflow/sdk';
import {
  answerForError,
  createOutboundHttpClient,
  createTriggerContext,
  executionAnswer,
  runTriggerPipeline,
  withDeliveryKey,
  type PipelineProgress,
  type PipelineRateLimits,
  type TriggerAnswer,
} from '@hookflow/sdk/pipeline';
import { startWorkflowExecution } from '../executions/start-workflow-execution';
import type { ServerContext } from '../server-context';
import type { ApiKeyVerifier } from './api-key-verifier';
import type { DeliveryRecorder } from './delivery-recorder';
import type { BodySlots } from './body-slots';
import type { RateLimiter } from './rate-limiter';
import { addressGroup } from './source-address';
import type { WebhookWorkflow, WorkflowCache } from './workflow-cache';

/** What is known of a request so far, for the delivery log of a request refused midway. */
type Progress = PipelineProgress;

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
  /** Reads the body, refusing it beyond `maxBytes` (413) or after `timeoutMs` (408). */
  readBody(maxBytes: number, timeoutMs: number): Promise<Buffer>;
  /** The request's logger (it carries the request id). */
  logger: Logger;
}

export interface WebhookServiceDeps {
  ctx: ServerContext;
  workflows: WorkflowCache;
  keys: ApiKeyVerifier;
  limiter: RateLimiter;
  /** Failed auth attempts per source address (`HOOKFLOW_WEBHOOK_AUTH_FAILURES`). */
  authFailures: RateLimiter;
  bodies: BodySlots;
  deliveries: DeliveryRecorder;
  http?: OutboundHttpClient;
}

/**
 * `POST /webhooks/:workflowId`: finds the workflow (404, 409), runs the trigger pipeline of the SDK — the same
 * code the plugin test kit runs — with the server's key lookup and rate limit (429), and starts the execution
 * durably (202, 200 duplicate, 503). Every request to an existing workflow lands in the delivery log.
 */
export class WebhookService {
  private readonly http: OutboundHttpClient;

  constructor(private readonly deps: WebhookServiceDeps) {
    this.http = deps.http ?? createOutboundHttpClient();
  }

  async handle(request: IncomingWebhook): Promise<TriggerAnswer> {
    // Chosen up front so that a 503 can name it even before the plugin ran; used when the plugin gives none.
    const generatedKey = randomUUID();
    let workflow: WebhookWorkflow | undefined;
    try {
      workflow = await this.deps.workflows.find(request.workflowId);
      if (!workflow) throw new TriggerError(404, 'workflow_not_found', 'No workflow has this URL');
    } catch (error) {
      const answer = this.refusal(error, request.logger);
      return this.finish(request, undefined, withDeliveryKey(answer, requestedKey(request) ?? generatedKey), undefined);
    }
    const progress: Progress = {};
    const body: { release?: () => void } = {};
    let answer: TriggerAnswer;
    try {
      answer = await this.handleForWorkflow(request, workflow, progress, body, generatedKey);
    } catch (error) {
      answer = this.refusal(error, request.logger);
      // A sender retrying after a 503 can be matched to its later success by the delivery key.
      if (progress.deliveryKey !== undefined) answer.deliveryKey = progress.deliveryKey;
      answer = withDeliveryKey(answer, progress.deliveryKey ?? requestedKey(request) ?? generatedKey);
    } finally {
      body.release?.();
    }
    return this.finish(request, workflow, answer, progress.bytes ?? request.declaredBytes ?? 0);
  }

  private async handleForWorkflow(
    request: IncomingWebhook,
    workflow: WebhookWorkflow,
    progress: Progress,
    body: { release?: () => void },
    generatedKey: string,
  ): Promise<TriggerAnswer> {
    const { ctx } = this.deps;
    if (!workflow.enabled) throw new TriggerError(409, 'workflow_disabled', 'This workflow is disabled');
    const { trigger } = workflow.definition;
    const plugin = ctx.registry.trigger(trigger.type);
    if (!plugin) {
      // The plugin was removed from HOOKFLOW_PLUGINS after the workflow was saved: an operator must act.
      request.logger.error({ triggerType: trigger.type }, 'trigger type of workflow not loaded');
      throw new TriggerError(503, 'unavailable', 'The trigger type of this workflow is not available', {
        reason: `trigger type "${trigger.type}" is not loaded`,
      });
    }

    const source = `source:${addressGroup(request.sourceIp)}`;
    const rateLimits: PipelineRateLimits = {
      sourceMayAuthenticate: () => this.deps.authFailures.peek(source),
      authFailed: () => void this.deps.authFailures.take(source),
      take: (authenticated) =>
        this.deps.limiter.take(
          authenticated.apiKeyId !== undefined ? `key:${authenticated.apiKeyId}` : `workflow:${workflow.id}`,
        ),
    };
    const result = await runTriggerPipeline(
      plugin,
      {
        method: request.method,
        headers: request.headers,
        query: request.query,
        sourceIp: request.sourceIp,
        receivedAt: request.receivedAt,
      },
      {
        maxBodyBytes: ctx.config.webhookMaxBytes,
        readBody: (maxBytes) => {
          // Held until the answer is sent: the body stays in memory through parse and the start.
          body.release = this.deps.bodies.tryAcquire();
          if (!body.release) {
            throw new TriggerError(503, 'unavailable', 'Too many webhook bodies in flight; retry later', {
              reason: `more than ${ctx.config.webhookMaxConcurrentBodies} webhook bodies at once on this instance`,
              retryAfterSeconds: 1,
            });
          }
          return request.readBody(maxBytes, ctx.config.webhookRequestTimeoutSeconds * 1000);
        },
        verifyApiKey: async (presented) => {
          const verification = await this.deps.keys.verify(presented, trigger.apiKeyName);
          return verification.ok ? { ok: true, keyId: verification.key.id } : verification;
        },
        rateLimits,
        inputSchema: workflow.definition.inputSchema,
        context: createTriggerContext({
          workflow,
          config: trigger.config,
          logger: request.logger.child({ workflowId: workflow.id, triggerType: plugin.type }),
          http: this.http,
          state: ctx.store.pluginState(workflow.id, trigger.type),
          // Read per request: the public URL may be settled after start-up (tests listen on a free port first).
          settings: {
            publicUrl: ctx.config.publicUrl,
            snsMaxAgeSeconds: ctx.config.snsMaxAgeSeconds,
            snsTrustedOrigins: ctx.config.snsTrustedOrigins,
          },
        }),
      },
      progress,
    );
    if (result.kind === 'answered') return result.answer;

    const deliveryKey = result.deliveryKey ?? generatedKey;
    progress.deliveryKey = deliveryKey;
    const start = await startWorkflowExecution(
      ctx,
      { workflow, graph: workflow.definition },
      { type: plugin.type, deliveryKey, payload: result.payload },
    );
    return executionAnswer(start, deliveryKey);
  }

  /** The answer of the one error map; a bug is logged in full, a 5xx refusal as a warning. */
  private refusal(error: unknown, logger: Logger): TriggerAnswer {
    const { unexpected, ...answer } = answerForError(error);
    if (unexpected) logger.error({ err: error }, 'webhook failed unexpectedly');
    else if (answer.status >= 500) logger.warn({ err: error }, `webhook refused: ${answer.reason}`);
    return answer;
  }

  /** Records the delivery (existing workflows only) and logs one line per request; returns the answer. */
  private finish(
    request: IncomingWebhook,
    workflow: WebhookWorkflow | undefined,
    answer: TriggerAnswer,
    bytes: number | undefined,
  ): TriggerAnswer {
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

/** Delivery keys a sender may choose (docs/webhooks.md): what the `Idempotency-Key` header must look like. */
const REQUESTED_KEY = /^[A-Za-z0-9._:-]{1,200}$/;

/**
 * The sender's own `Idempotency-Key`, for a 503 given before the plugin read the request: the generic trigger
 * takes its delivery key from this header, and the sender must see the key it chose.
 */
function requestedKey(request: IncomingWebhook): string | undefined {
  const value = request.headers['idempotency-key'];
  return typeof value === 'string' && REQUESTED_KEY.test(value) ? value : undefined;
}
