/**
 * `@hookflow/sdk/pipeline`: the trigger pipeline and what a host of trigger plugins needs to run it (the
 * server, and the test kit). Plugin packages do not need this entry point.
 */
export {
  answerWebhook,
  workflowNotFound,
  type WebhookExecutionStart,
  type WebhookHost,
  type WebhookOutcome,
  type WebhookWorkflowState,
} from './answer-webhook';
export {
  runTriggerPipeline,
  type PipelineProgress,
  type PipelineRequest,
  type PipelineResult,
  type TriggerPipelineHost,
  type UnreadBody,
} from './trigger-pipeline';
export type { ApiKeyCheck } from './authenticate';
export { rateLimitRefusal, type LimitDecision, type PipelineRateLimits } from './rate-limits';
export {
  answerForError,
  executionAnswer,
  ignoredAnswer,
  methodNotAllowedAnswer,
  TRIGGER_OUTCOMES,
  UNAVAILABLE_RETRY_AFTER_SECONDS,
  withDeliveryKey,
  type ErrorAnswer,
  type HttpAnswer,
  type TriggerAnswer,
  type TriggerOutcome,
} from './answer';
export { assertInputMatches } from './input-schema';
export { createTriggerContext } from './trigger-context';
export { createOutboundHttpClient } from '../outbound-http/outbound-http-client';
export { MAX_PAYLOAD_DEPTH, nestsDeeperThan } from './payload-depth';
