import { Schema, type Connection, type Model, type Types } from 'mongoose';
import { modelOn } from '../model-registry';
import { TRIGGER_OUTCOMES, type TriggerOutcome } from '@hookflow/sdk/pipeline';

export interface DeliveryDocument {
  /** ObjectId: time-ordered within a process, so it breaks ties between equal `receivedAt`. */
  _id: Types.ObjectId;
  workflowId: string;
  receivedAt: Date;
  triggerType: string;
  outcome: TriggerOutcome;
  status: number;
  errorCode?: string;
  reason?: string;
  executionId?: string;
  deliveryKey?: string;
  sourceIp: string;
  bytes: number;
  count?: number;
  lastReceivedAt?: Date;
  recovered?: boolean;
}

const deliverySchema = new Schema<DeliveryDocument>(
  {
    workflowId: { type: String, required: true },
    receivedAt: { type: Date, required: true },
    triggerType: { type: String, required: true },
    outcome: { type: String, required: true, enum: TRIGGER_OUTCOMES },
    status: { type: Number, required: true },
    errorCode: { type: String },
    reason: { type: String },
    executionId: { type: String },
    deliveryKey: { type: String },
    sourceIp: { type: String, required: true },
    bytes: { type: Number, required: true },
    count: { type: Number },
    lastReceivedAt: { type: Date },
    recovered: { type: Boolean },
  },
  // `strict: 'throw'`: a field the schema does not list (a header, a key) is an error, never silently stored.
  { collection: 'deliveries', versionKey: false, autoIndex: false, strict: 'throw' },
);
// Newest first per workflow, for listing and for finding the trim cut-offs (rejections have their own bound).
deliverySchema.index({ workflowId: 1, receivedAt: -1, _id: -1 });
deliverySchema.index({ workflowId: 1, outcome: 1, receivedAt: -1, _id: -1 });
// Which runs already have their entry, when the log is rebuilt from Temporal.
deliverySchema.index({ workflowId: 1, executionId: 1 });

export function deliveryModel(connection: Connection): Model<DeliveryDocument> {
  return modelOn(connection, 'Delivery', deliverySchema);
}
