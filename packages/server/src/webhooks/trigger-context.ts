import type {
  HookflowConfig,
  HookflowStore,
  Logger,
  OutboundHttpClient,
  TriggerContext,
  WorkflowDefinition,
} from '@hookflow/engine';
import type { WebhookWorkflow } from './workflow-cache';

/** What the server lends a trigger plugin for one request (docs/plugins.md); plugins never see Temporal or the store. */
export function createTriggerContext(options: {
  workflow: WebhookWorkflow;
  config: HookflowConfig;
  store: HookflowStore<WorkflowDefinition>;
  http: OutboundHttpClient;
  logger: Logger;
}): TriggerContext {
  const { workflow, config } = options;
  return {
    workflow: { id: workflow.id, name: workflow.name, version: workflow.version },
    config: workflow.definition.trigger.config,
    logger: options.logger,
    now: () => new Date(),
    http: options.http,
    state: options.store.pluginState(workflow.id, workflow.definition.trigger.type),
    // Read per request: the public URL may be settled after start-up (tests listen on a free port first).
    settings: {
      publicUrl: config.publicUrl,
      snsMaxAgeSeconds: config.snsMaxAgeSeconds,
      snsTrustedOrigins: config.snsTrustedOrigins,
    },
  };
}
