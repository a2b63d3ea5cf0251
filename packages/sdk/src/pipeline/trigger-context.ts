import type { PluginLogger } from '../plugin/logger';
import type { OutboundHttpClient } from '../plugin/outbound-http';
import type { PluginStateStore, TriggerContext, TriggerSettings } from '../plugin/trigger-plugin';

/** What a host lends a trigger plugin for one request; plugins never see Temporal or the store. */
export function createTriggerContext<Config>(parts: {
  workflow: { id: string; name: string; version: number };
  config: Config;
  logger: PluginLogger;
  http: OutboundHttpClient;
  state: PluginStateStore;
  settings: TriggerSettings;
  now?: () => Date;
}): TriggerContext<Config> {
  return {
    workflow: { id: parts.workflow.id, name: parts.workflow.name, version: parts.workflow.version },
    config: parts.config,
    logger: parts.logger,
    now: parts.now ?? (() => new Date()),
    http: parts.http,
    state: parts.state,
    settings: parts.settings,
  };
}
