import type { Client, Connection } from '@temporalio/client';
import type { HookflowConfig, HookflowStore, Logger, PluginRegistry, WorkflowDefinition } from '@hookflow/engine';
import type { ComponentCheck } from './health/readiness';

/** Everything a route or service of the server may use; built once by `main.ts` (or a test). */
export interface ServerContext {
  config: HookflowConfig;
  logger: Logger;
  store: HookflowStore<WorkflowDefinition>;
  temporal: { client: Client; connection: Connection };
  registry: PluginRegistry;
  /** Dependency checks behind `/readyz`, by component name. */
  readiness: Record<string, ComponentCheck>;
}
