import { randomInt } from 'node:crypto';
import { Types, type Connection } from 'mongoose';
import { withMongoErrors } from '../mongo-errors';
import { deliveryModel, type DeliveryDocument } from './delivery-model';
import { sanitizeDeliveryEntry, type DeliveryEntry, type DeliveryRecord, type ExactShape } from './delivery-entry';

export interface DeliveryLogOptions {
  /** Entries kept per workflow (docs/deliveries.md default 1000). */
  keepPerWorkflow?: number;
  /**
   * A workflow's log is trimmed after about this many of its entries were written by this process (default
   * half of `keepPerWorkflow`, at least 50), so the log may overshoot the bound by that much between trims;
   * listing never shows the overshoot.
   */
  trimEvery?: number;
}

/** One element of `recordDeliveries`. */
export interface DeliveryBatchItem extends DeliveryEntry {
  workflowId: string;
}

const DEFAULT_LIST_LIMIT = 100;
/** Bound of the per-workflow countdown map; cleared when full (a cleared countdown restarts at random). */
const MAX_TRACKED_WORKFLOWS = 10_000;

/**
 * The delivery log of docs/deliveries.md: every webhook request, newest first, bounded per workflow.
 *
 * Bounding without TTL indexes or capped collections (FerretDB has neither): each process counts the entries
 * it writes per workflow and, every `trimEvery` of them, deletes that workflow's entries older than its
 * `keepPerWorkflow`-th newest one: one indexed find and one deleteMany. A countdown starts at a random point,
 * so short-lived processes trim too and several servers do not all trim at once. Inserts never read first, and
 * no counter document is shared between writers (FerretDB's `$inc` is not atomic).
 */
export class DeliveryLog {
  private readonly keepPerWorkflow: number;
  private readonly trimEvery: number;
  private readonly untilTrim = new Map<string, number>();

  constructor(
    private readonly connection: Connection,
    options: DeliveryLogOptions = {},
  ) {
    this.keepPerWorkflow = positiveInteger(options.keepPerWorkflow, 1000);
    // A trim walks the kept entries (FerretDB: the whole collection), so trimming every keep/2 writes keeps its
    // amortised cost per written entry constant, whatever the bound; the log overshoots by at most half.
    this.trimEvery = positiveInteger(options.trimEvery, Math.max(50, Math.floor(this.keepPerWorkflow / 2)));
  }

  /** Records one request. Only the fields of `DeliveryEntry` are accepted (at compile time and at run time). */
  async recordDelivery<T extends DeliveryEntry>(
    workflowId: string,
    entry: ExactShape<T, DeliveryEntry>,
  ): Promise<DeliveryRecord> {
    const clean = sanitizeDeliveryEntry(entry);
    const created = await withMongoErrors(() => deliveryModel(this.connection).create({ workflowId, ...clean }));
    await this.countAndTrim(workflowId, 1);
    return { id: created._id.toHexString(), ...clean };
  }

  /**
   * Records many requests in one write, for a server that buffers its log off the request path. Entries of
   * several workflows may be mixed.
   */
  async recordDeliveries<T extends DeliveryBatchItem>(
    batch: readonly ExactShape<T, DeliveryBatchItem>[],
  ): Promise<void> {
    if (batch.length === 0) return;
    const documents = batch.map((item) => ({ workflowId: item.workflowId, ...sanitizeDeliveryEntry(item) }));
    await withMongoErrors(() => deliveryModel(this.connection).insertMany(documents, { ordered: false }));
    const perWorkflow = new Map<string, number>();
    for (const item of batch) perWorkflow.set(item.workflowId, (perWorkflow.get(item.workflowId) ?? 0) + 1);
    for (const [workflowId, count] of perWorkflow) await this.countAndTrim(workflowId, count);
  }

  /**
   * A workflow's newest deliveries, newest first; `limit` is clamped to 1..keepPerWorkflow (default 100).
   * `before` (the last entry of the previous page) continues the listing after it.
   */
  async listDeliveries(
    workflowId: string,
    limit: number = DEFAULT_LIST_LIMIT,
    before?: { receivedAt: Date; id: string },
  ): Promise<DeliveryRecord[]> {
    const bounded = Math.min(positiveInteger(limit, DEFAULT_LIST_LIMIT), this.keepPerWorkflow);
    const filter = before
      ? {
          workflowId,
          $or: [
            { receivedAt: { $lt: before.receivedAt } },
            { receivedAt: before.receivedAt, _id: { $lt: new Types.ObjectId(before.id) } },
          ],
        }
      : { workflowId };
    const documents = await withMongoErrors(() =>
      deliveryModel(this.connection)
        .find(filter)
        .sort({ receivedAt: -1, _id: -1 })
        .limit(bounded)
        .lean<DeliveryDocument[]>(),
    );
    return documents.map(toRecord);
  }

  /** Deletes a workflow's entries beyond the newest `keepPerWorkflow`; returns how many. */
  async trimDeliveries(workflowId: string): Promise<number> {
    return withMongoErrors(async () => {
      const Delivery = deliveryModel(this.connection);
      const [oldestKept] = await Delivery.find({ workflowId }, { receivedAt: 1 })
        .sort({ receivedAt: -1, _id: -1 })
        .skip(this.keepPerWorkflow - 1)
        .limit(1)
        .lean<Pick<DeliveryDocument, '_id' | 'receivedAt'>[]>();
      if (!oldestKept) return 0;
      const result = await Delivery.deleteMany({
        workflowId,
        $or: [
          { receivedAt: { $lt: oldestKept.receivedAt } },
          { receivedAt: oldestKept.receivedAt, _id: { $lt: oldestKept._id } },
        ],
      });
      return result.deletedCount;
    });
  }

  private async countAndTrim(workflowId: string, written: number): Promise<void> {
    if (this.untilTrim.size >= MAX_TRACKED_WORKFLOWS) this.untilTrim.clear();
    let left = (this.untilTrim.get(workflowId) ?? randomInt(1, this.trimEvery + 1)) - written;
    if (left <= 0) {
      left = this.trimEvery;
      // The entries are written; a failed trim is retried by the next one, it must not fail the recording.
      await this.trimDeliveries(workflowId).catch(() => undefined);
    }
    this.untilTrim.set(workflowId, left);
  }
}

/** Removes a workflow's whole log (when the workflow is deleted). */
export async function deleteDeliveries(connection: Connection, workflowId: string): Promise<void> {
  await withMongoErrors(() => deliveryModel(connection).deleteMany({ workflowId }));
}

function toRecord(document: DeliveryDocument): DeliveryRecord {
  const record: DeliveryRecord = {
    id: document._id.toHexString(),
    receivedAt: document.receivedAt,
    triggerType: document.triggerType,
    outcome: document.outcome,
    status: document.status,
    sourceIp: document.sourceIp,
    bytes: document.bytes,
  };
  if (document.errorCode !== undefined && document.errorCode !== null) record.errorCode = document.errorCode;
  if (document.reason !== undefined && document.reason !== null) record.reason = document.reason;
  if (document.executionId !== undefined && document.executionId !== null) record.executionId = document.executionId;
  if (document.deliveryKey !== undefined && document.deliveryKey !== null) record.deliveryKey = document.deliveryKey;
  return record;
}

function positiveInteger(value: number | undefined, fallback: number): number {
  return value !== undefined && Number.isFinite(value) && value >= 1 ? Math.floor(value) : fallback;
}
