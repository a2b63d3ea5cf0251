import type { IncomingHttpHeaders } from 'node:http';
import { annotateWebhookSpan, type DeliveryBatchItem, type Logger } from '@hookflow/engine';
import { TriggerError, type OutboundHttpClient, type TriggerPlugin } from '@hookflow/sdk';
import {
  answerWebhook,
  createOutboundHttpClient,
  createTriggerContext,
  type PipelineRateLimits,
  type TriggerAnswer,
  type TriggerPipelineHost,
  type UnreadBody,
  type WebhookOutcome,
} from '@hookflow/sdk/pipeline';
import { startWorkflowExecution } from '../executions/start-workflow-execution';
import type { ServerContext } from '../server-context';
import type { ApiKeyVerifier } from './api-key-verifier';
import type { DeliveryRecorder } from './delivery-recorder';
import type { BodySlots } from './body-slots';
import type { RateLimiter } from './rate-limiter';
import { addressGroup } from './source-address';
import type { WebhookWorkflow, WorkflowCache } from './workflow-cache';

export interface IncomingWebhook {
  workflowId: string;
  method: string;
  headers: IncomingHttpHeaders;
  query: Record<string, string | string[]>;
  sourceIp: string;
  receivedAt: Date;
  /** Content-Length as declared, for the log of requests refused before their body was read. */
  declaredBytes: number | undefined;
  /** Reads the body, or says why it stopped: over `maxBytes`, or not complete within `timeoutMs`. */
  readBody(maxBytes: number, timeoutMs: number): Promise<Buffer | UnreadBody>;
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
 * `/webhooks/:workflowId`: runs `answerWebhook` of the SDK — the same code the plugin test kit runs, from the
 * method check to the answer — with the server's state: its workflow cache, plugin registry, key lookup,
 * rate limits, body slots and Temporal. Every answer to an existing workflow lands in its delivery log.
 */
export class WebhookService {
  private readonly http: OutboundHttpClient;

  constructor(private readonly deps: WebhookServiceDeps) {
    this.http = deps.http ?? createOutboundHttpClient();
  }

  async handle(request: IncomingWebhook): Promise<TriggerAnswer> {
    const { ctx } = this.deps;
    // Released once the answer is known: the body stays in memory through parse and the start.
    const bodySlot: { release?: () => void } = {};
    let outcome: WebhookOutcome<WebhookWorkflow>;
    try {
      outcome = await answerWebhook(
        {
          method: request.method,
          headers: request.headers,
          query: request.query,
          sourceIp: request.sourceIp,
          receivedAt: request.receivedAt,
        },
        {
          findWorkflow: () => this.deps.workflows.find(request.workflowId),
          triggerOf: (workflow) => this.triggerOf(workflow, request, bodySlot),
          startExecution: (workflow, event) =>
            startWorkflowExecution(
              ctx,
              { workflow, graph: workflow.definition },
              { type: event.triggerType, deliveryKey: event.deliveryKey, payload: event.payload },
            ),
        },
      );
    } finally {
      bodySlot.release?.();
    }
    if (outcome.unexpected) request.logger.error({ err: outcome.error }, 'webhook failed unexpectedly');
    else if (outcome.answer.status >= 500) {
      request.logger.warn({ err: outcome.error }, `webhook refused: ${outcome.answer.reason}`);
    }
    return this.finish(request, outcome.workflow, outcome.answer, outcome.bytes ?? request.declaredBytes ?? 0);
  }

  /** The workflow's trigger plugin and the pipeline's view of this server for one request. */
  private triggerOf(
    workflow: WebhookWorkflow,
    request: IncomingWebhook,
    bodySlot: { release?: () => void },
  ): { plugin: TriggerPlugin<unknown>; pipeline: TriggerPipelineHost<unknown> } {
    const { ctx } = this.deps;
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
    return {
      plugin,
      pipeline: {
        maxBodyBytes: ctx.config.webhookMaxBytes,
        requestTimeoutSeconds: ctx.config.webhookRequestTimeoutSeconds,
        holdBodySlot: () => {
          bodySlot.release = this.deps.bodies.tryAcquire();
          return bodySlot.release !== undefined;
        },
        readBody: (maxBytes, timeoutMs) => request.readBody(maxBytes, timeoutMs),
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
    };
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
