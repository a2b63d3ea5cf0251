import { Schema, type Connection, type Model } from 'mongoose';
import { modelOn } from '../model-registry';

/**
 * A live workflow. Deleting one removes this document (its name is free again at once, and a late update
 * cannot resurrect it); its versions are purged after it.
 */
export interface WorkflowDocument {
  _id: string;
  /** Unique among workflows: the unique index guards concurrent creations and renames. */
  name: string;
  description: string | null;
  triggerType: string | null;
  /** Credentials the current version's nodes reference (absent on documents saved before credentials). */
  credentialNames?: string[];
  /** The published version: never ahead of the stored versions, see `WorkflowRepository.updateWorkflow`. */
  currentVersion: number;
  enabled: boolean;
  createdAt: Date;
  updatedAt: Date;
}

/** One immutable saved definition. `(workflowId, version)` is unique: the guard against concurrent updates. */
export interface WorkflowVersionDocument {
  workflowId: string;
  version: number;
  /** The definition as JSON text (see `user-json`): `$ref` and dotted keys round-trip exactly. */
  definition: string;
  createdAt: Date;
}

/** Held while one writer changes a workflow document; see `withWorkflowWriteLease`. */
export interface WorkflowLeaseDocument {
  /** The workflow's id: the unique `_id` is what makes taking the lease atomic. */
  _id: string;
  /** The holder's, so that it releases only its own lease. */
  token: string;
  takenAt: Date;
}

const workflowSchema = new Schema<WorkflowDocument>(
  {
    _id: { type: String, required: true },
    name: { type: String, required: true },
    description: { type: String, default: null },
    triggerType: { type: String, default: null },
    credentialNames: { type: [String], default: undefined },
    currentVersion: { type: Number, required: true },
    enabled: { type: Boolean, required: true },
    createdAt: { type: Date, required: true },
    updatedAt: { type: Date, required: true },
  },
  // Indexes are built by `initStore`, awaited and retried, not in mongoose's fire-and-forget background build.
  { collection: 'workflows', versionKey: false, autoIndex: false },
);
workflowSchema.index({ name: 1 }, { unique: true });

const workflowVersionSchema = new Schema<WorkflowVersionDocument>(
  {
    workflowId: { type: String, required: true },
    version: { type: Number, required: true },
    definition: { type: String, required: true },
    createdAt: { type: Date, required: true },
  },
  { collection: 'workflow_versions', versionKey: false, autoIndex: false },
);
workflowVersionSchema.index({ workflowId: 1, version: 1 }, { unique: true });

const workflowLeaseSchema = new Schema<WorkflowLeaseDocument>(
  {
    _id: { type: String, required: true },
    token: { type: String, required: true },
    takenAt: { type: Date, required: true },
  },
  { collection: 'workflow_leases', versionKey: false, autoIndex: false },
);

export function workflowModel(connection: Connection): Model<WorkflowDocument> {
  return modelOn(connection, 'Workflow', workflowSchema);
}

export function workflowVersionModel(connection: Connection): Model<WorkflowVersionDocument> {
  return modelOn(connection, 'WorkflowVersion', workflowVersionSchema);
}

export function workflowLeaseModel(connection: Connection): Model<WorkflowLeaseDocument> {
  return modelOn(connection, 'WorkflowLease', workflowLeaseSchema);
}
