import { randomUUID } from 'node:crypto';
import { TriggerError } from '../errors/trigger-error';
import { SENDER_DELIVERY_KEY } from '../plugin/delivery-key';
import type { TriggerPlugin } from '../plugin/trigger-plugin';
import { answerForError, executionAnswer, methodNotAllowedAnswer, withDeliveryKey, type TriggerAnswer } from './answer';
import {
  runTriggerPipeline,
  type PipelineProgress,
  type PipelineRequest,
  type TriggerPipelineHost,
} from './trigger-pipeline';

/** The one method a webhook URL answers; any other is refused with 405 and `Allow: POST`. */
const WEBHOOK_METHODS = ['POST'] as const;

/** What the host knows of the workflow a webhook URL names. */
export interface WebhookWorkflowState {
  id: string;
  enabled: boolean;
}

/** A run started (202) or found already started with the same delivery key (200 `duplicate`). */
export interface WebhookExecutionStart {
  executionId: string;
  status: 'accepted' | 'duplicate';
}

/**
 * The host's state, as `answerWebhook` consults it: the server reads its store, registry and Temporal; the
 * test kit simulates them from its options. Anything these throw is answered by the one error map (a 503
 * `unavailable` for a dependency that cannot be reached).
 */
export interface WebhookHost<Workflow extends WebhookWorkflowState> {
  /** The workflow the URL names; undefined when there is none (404). */
  findWorkflow(): Promise<Workflow | undefined>;
  /** The trigger plugin of an enabled workflow, and the pipeline's host for this request. */
  triggerOf(workflow: Workflow): { plugin: TriggerPlugin<unknown>; pipeline: TriggerPipelineHost<unknown> };
  /** Starts the run durably with this delivery key, or finds the one already started with it. */
  startExecution(
    workflow: Workflow,
    event: { triggerType: string; payload: unknown; deliveryKey: string },
  ): Promise<WebhookExecutionStart>;
}

/** How a webhook request ended: its answer, and what the host records of it. */
export interface WebhookOutcome<Workflow> {
  answer: TriggerAnswer;
  /** The workflow the URL names, when it exists: its delivery log records the answer. */
  workflow?: Workflow;
  /** Bytes of the body, when it was read. */
  bytes?: number;
  /** What the run was started with, when it was (202). */
  event?: { payload: unknown; deliveryKey: string };
  /** The error that ended the request, if one did. */
  error?: unknown;
  /** The error was no refusal raised on purpose: a bug, to be logged in full (answered 500). */
  unexpected?: boolean;
}

/**
 * `POST /webhooks/:workflowId` from start to answer, for the server and the test kit alike: the method (405),
 * the workflow (404, 409), the trigger pipeline (every refusal of `runTriggerPipeline`), the durable start
 * (202, 200 duplicate) and any error turned into its answer. A 503 names the delivery key a retry should use.
 */
export async function answerWebhook<Workflow extends WebhookWorkflowState>(
  request: PipelineRequest,
  host: WebhookHost<Workflow>,
): Promise<WebhookOutcome<Workflow>> {
  if (!(WEBHOOK_METHODS as readonly string[]).includes(request.method)) {
    const { unexpected: _unexpected, ...answer } = methodNotAllowedAnswer(request.method, WEBHOOK_METHODS);
    return { answer };
  }
  // Chosen up front so that a 503 can name it even before the plugin ran; used when the plugin gives none.
  const generatedKey = randomUUID();
  const progress: PipelineProgress = {};
  let workflow: Workflow | undefined;
  try {
    workflow = await host.findWorkflow();
    if (!workflow) throw workflowNotFound();
    if (!workflow.enabled) throw new TriggerError(409, 'workflow_disabled', 'This workflow is disabled');
    const { plugin, pipeline } = host.triggerOf(workflow);
    const result = await runTriggerPipeline(plugin, request, pipeline, progress);
    if (result.kind === 'answered') return { answer: result.answer, workflow, ...bytesOf(progress) };

    const deliveryKey = result.deliveryKey ?? generatedKey;
    progress.deliveryKey = deliveryKey;
    const start = await host.startExecution(workflow, {
      triggerType: plugin.type,
      payload: result.payload,
      deliveryKey,
    });
    return {
      answer: executionAnswer(start, deliveryKey),
      workflow,
      ...bytesOf(progress),
      ...(start.status === 'accepted' ? { event: { payload: result.payload, deliveryKey } } : {}),
    };
  } catch (error) {
    const { unexpected, ...refusal } = answerForError(error);
    // The delivery log of a refusal after parse names the key, so a sender's retry can be matched to it.
    if (progress.deliveryKey !== undefined) refusal.deliveryKey = progress.deliveryKey;
    const answer = withDeliveryKey(refusal, progress.deliveryKey ?? requestedKey(request) ?? generatedKey);
    return { answer, ...(workflow ? { workflow } : {}), ...bytesOf(progress), error, unexpected };
  }
}

/** 404 `workflow_not_found`: no workflow has this URL (also for ids that cannot be one). */
export function workflowNotFound(): TriggerError {
  return new TriggerError(404, 'workflow_not_found', 'No workflow has this URL');
}

function bytesOf(progress: PipelineProgress): { bytes?: number } {
  return progress.bytes !== undefined ? { bytes: progress.bytes } : {};
}

/**
 * The sender's own `Idempotency-Key`, for a 503 given before the plugin read the request: the generic trigger
 * takes its delivery key from this header, and the sender must see the key it chose.
 */
function requestedKey(request: PipelineRequest): string | undefined {
  const value = request.headers['idempotency-key'];
  return typeof value === 'string' && SENDER_DELIVERY_KEY.test(value) ? value : undefined;
}
