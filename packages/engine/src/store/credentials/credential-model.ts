import { Schema, type Connection, type Model } from 'mongoose';
import { modelOn } from '../model-registry';

/** A stored credential: its data only as ciphertext (`sealText`), bound to the credential's id. */
export interface CredentialDocument {
  _id: string;
  /** Unique: nodes refer to a credential by name. */
  name: string;
  type: string;
  /** Names of the fields `data` holds, for display; their values are never readable. */
  fields: string[];
  /** `v1.<keyId>.<iv ‖ ciphertext ‖ tag>` of the JSON text of `data`. */
  secret: string;
  createdAt: Date;
  updatedAt: Date;
}

const credentialSchema = new Schema<CredentialDocument>(
  {
    _id: { type: String, required: true },
    name: { type: String, required: true },
    type: { type: String, required: true },
    fields: { type: [String], required: true },
    secret: { type: String, required: true },
    createdAt: { type: Date, required: true },
    updatedAt: { type: Date, required: true },
  },
  // Indexes are built by `initStore`, awaited and retried, not in mongoose's fire-and-forget background build.
  { collection: 'credentials', versionKey: false, autoIndex: false },
);
credentialSchema.index({ name: 1 }, { unique: true });

export function credentialModel(connection: Connection): Model<CredentialDocument> {
  return modelOn(connection, 'Credential', credentialSchema);
}
