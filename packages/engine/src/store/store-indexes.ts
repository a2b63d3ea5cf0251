import type { Connection } from 'mongoose';
import { apiKeyModel, apiKeyUsageModel } from './api-keys/api-key-models';
import { credentialModel } from './credentials/credential-model';
import { deliveryModel } from './deliveries/delivery-model';
import { withMongoErrors } from './mongo-errors';
import { pluginStateModel } from './plugin-state/plugin-state-model';
import { workflowModel, workflowVersionModel } from './workflows/workflow-models';

const built = new WeakMap<Connection, Promise<void>>();

async function buildIndexes(connection: Connection): Promise<void> {
  await apiKeyModel(connection).createIndexes();
  await apiKeyUsageModel(connection).createIndexes();
  await workflowModel(connection).createIndexes();
  await workflowVersionModel(connection).createIndexes();
  await deliveryModel(connection).createIndexes();
  await pluginStateModel(connection).createIndexes();
  await credentialModel(connection).createIndexes();
}

/**
 * Builds every index the store declares, once per connection; call it at start-up. Writes that depend on a
 * unique index also await it, so a forgotten call cannot let duplicates in. A failed build (database down) is
 * not cached: the next call tries again. Only plain and unique indexes: no TTL, partial or text indexes,
 * which FerretDB does not serve.
 */
export function initStore(connection: Connection): Promise<void> {
  let pending = built.get(connection);
  if (!pending) {
    // No deadline: a first build over existing data may take long; callers' own calls carry theirs.
    pending = withMongoErrors(() => buildIndexes(connection), { deadlineMs: null });
    built.set(connection, pending);
    pending.catch(() => built.delete(connection));
  }
  return pending;
}
