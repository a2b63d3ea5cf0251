import type { Connection, Model, Schema } from 'mongoose';

/**
 * The model `name` on this connection, compiled on first use. Models live on the connection passed in, never
 * on the global mongoose instance, so several connections (tests, tools) never share state.
 */
export function modelOn<T>(connection: Connection, name: string, schema: Schema<T>): Model<T> {
  const existing = connection.models[name] as Model<T> | undefined;
  return existing ?? connection.model<T>(name, schema);
}
