import type { Connection } from 'mongoose';
import type { PluginStateStore } from '@hookflow/sdk';
import { KeyRing } from '../crypto/key-ring';
import { ApiKeyRepository, type ApiKeyRepositoryOptions } from './api-keys/api-key-repository';
import { CredentialRepository } from './credentials/credential-repository';
import { DeliveryLog, type DeliveryLogOptions } from './deliveries/delivery-log';
import { createPluginStateStore, type PluginStateLimits } from './plugin-state/plugin-state-store';
import type { StorableWorkflowDefinition } from './workflows/workflow-definition';
import { WorkflowRepository, type WorkflowRepositoryOptions } from './workflows/workflow-repository';

export interface StoreOptions {
  apiKeys?: ApiKeyRepositoryOptions;
  workflows?: WorkflowRepositoryOptions;
  deliveries?: DeliveryLogOptions;
  pluginState?: PluginStateLimits;
  /** Encrypts credentials; without one, credentials can be listed but not saved or used. */
  keyRing?: KeyRing;
}

/** Everything the server and worker keep in MongoDB, on one connection. */
export interface HookflowStore<D extends StorableWorkflowDefinition = StorableWorkflowDefinition> {
  connection: Connection;
  apiKeys: ApiKeyRepository;
  workflows: WorkflowRepository<D>;
  deliveries: DeliveryLog;
  credentials: CredentialRepository;
  /** The state store handed to a trigger plugin of `pluginType` running for `workflowId`. */
  pluginState(workflowId: string, pluginType: string): PluginStateStore;
}

/** The repositories on `connection`; call `initStore(connection)` at start-up to build the indexes. */
export function createStore<D extends StorableWorkflowDefinition = StorableWorkflowDefinition>(
  connection: Connection,
  options: StoreOptions = {},
): HookflowStore<D> {
  return {
    connection,
    apiKeys: new ApiKeyRepository(connection, options.apiKeys),
    workflows: new WorkflowRepository<D>(connection, options.workflows),
    deliveries: new DeliveryLog(connection, options.deliveries),
    credentials: new CredentialRepository(connection, options.keyRing ?? new KeyRing(undefined)),
    pluginState: (workflowId, pluginType) =>
      createPluginStateStore(connection, workflowId, pluginType, options.pluginState),
  };
}
