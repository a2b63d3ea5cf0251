import { Schema, type Connection, type Model } from 'mongoose';
import { modelOn } from '../model-registry';

export interface PluginStateDocument {
  workflowId: string;
  pluginType: string;
  key: string;
  /** JSON text (see `user-json`): plugin values may hold any keys. */
  value: string;
  createdAt: Date;
  updatedAt: Date;
}

const pluginStateSchema = new Schema<PluginStateDocument>(
  {
    workflowId: { type: String, required: true },
    pluginType: { type: String, required: true },
    key: { type: String, required: true },
    value: { type: String, required: true },
    createdAt: { type: Date, required: true },
    updatedAt: { type: Date, required: true },
  },
  // Indexes are built by `initStore`, awaited and retried, not in mongoose's fire-and-forget background build.
  { collection: 'plugin_state', versionKey: false, autoIndex: false },
);
pluginStateSchema.index({ workflowId: 1, pluginType: 1, key: 1 }, { unique: true });

export function pluginStateModel(connection: Connection): Model<PluginStateDocument> {
  return modelOn(connection, 'PluginState', pluginStateSchema);
}
