import { randomInt } from 'node:crypto';
import { Types, type Connection } from 'mongoose';
import { withMongoErrors } from '../mongo-errors';
import { deliveryModel, type DeliveryDocument } from './delivery-model';
import { TRIGGER_OUTCOMES, type TriggerOutcome } from '@hookflow/sdk/pipeline';
import { sanitizeDeliveryEntry, type DeliveryEntry, type DeliveryRecord, type ExactShape } from './delivery-entry';

export interface DeliveryLogOptions {
  /** Entries other than rejections kept per workflow (docs/deliveries.md default 1000). */
  keepPerWorkflow?: number;
  /** Rejections kept per workflow, apart, so that refused requests never push accepted ones out (default 200). */
  keepRejectedPerWorkflow?: number;
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
  /** The entry's id, chosen by the writer (`newDeliveryId()`) so it can add repeats to it later. */
  id?: string;
}

/** Repeats of a folded rejection, added to its entry after it was written. */
export interface DeliveryRepeats {
  id: string;
  workflowId: string;
  /** How many more requests the entry stands for. */
  count: number;
  lastReceivedAt: Date;
}

/** Outcomes kept under `keepPerWorkflow`; `rejected` has its own bound. */
const KEPT_OUTCOMES: TriggerOutcome[] = TRIGGER_OUTCOMES.filter((outcome) => outcome !== 'rejected');

/** A fresh entry id (an ObjectId: time-ordered, so it breaks ties between equal `receivedAt`). */
export function newDeliveryId(): string {
  return new Types.ObjectId().toHexString();
}

const DEFAULT_LIST_LIMIT = 100;
/** Bound of the per-workflow countdown map; cleared when full (a cleared countdown restarts at random). */
const MAX_TRACKED_WORKFLOWS = 10_000;

/**
 * The delivery log of docs/deliveries.md: every webhook request, newest first, bounded per workflow: rejections
 * apart from the rest, so a flood of refused requests cannot push accepted ones out.
 *
 * Bounding without TTL indexes or capped collections (FerretDB has neither): each process counts the entries
 * it writes per workflow and, every `trimEvery` of them, deletes that workflow's entries older than its
 * `keepPerWorkflow`-th newest one: one indexed find and one deleteMany. A countdown starts at a random point,
 * so short-lived processes trim too and several servers do not all trim at once. Inserts never read first, and
 * no counter document is shared between writers (FerretDB's `$inc` is not atomic).
 */
export class DeliveryLog {
  private readonly keepPerWorkflow: number;
  private readonly keepRejectedPerWorkflow: number;
  private readonly trimEvery: number;
  private readonly trimRejectedEvery: number;
  private readonly untilTrim = new Map<string, number>();

  constructor(
    private readonly connection: Connection,
    options: DeliveryLogOptions = {},
  ) {
    this.keepPerWorkflow = positiveInteger(options.keepPerWorkflow, 1000);
    // A trim walks the kept entries (FerretDB: the whole collection), so trimming every keep/2 writes keeps its
    // amortised cost per written entry constant, whatever the bound; the log overshoots by at most half.
    this.trimEvery = positiveInteger(options.trimEvery, Math.max(50, Math.floor(this.keepPerWorkflow / 2)));
    this.keepRejectedPerWorkflow = positiveInteger(options.keepRejectedPerWorkflow, 200);
    this.trimRejectedEvery = Math.max(20, Math.floor(this.keepRejectedPerWorkflow / 2));
  }

  /** Records one request. Only the fields of `DeliveryEntry` are accepted (at compile time and at run time). */
  async recordDelivery<T extends DeliveryEntry>(
    workflowId: string,
    entry: ExactShape<T, DeliveryEntry>,
  ): Promise<DeliveryRecord> {
    const clean = sanitizeDeliveryEntry(entry);
    const created = await withMongoErrors(() => deliveryModel(this.connection).create({ workflowId, ...clean }));
    await this.countAndTrim(workflowId, clean.outcome === 'rejected' ? { rejected: 1 } : { kept: 1 });
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
    const documents = batch.map((item) => ({
      ...(item.id !== undefined && Types.ObjectId.isValid(item.id) ? { _id: new Types.ObjectId(item.id) } : {}),
      workflowId: item.workflowId,
      ...sanitizeDeliveryEntry(item),
    }));
    await withMongoErrors(() => deliveryModel(this.connection).insertMany(documents, { ordered: false }));
    const perWorkflow = new Map<string, { kept: number; rejected: number }>();
    for (const item of batch) {
      const counts = perWorkflow.get(item.workflowId) ?? { kept: 0, rejected: 0 };
      if (item.outcome === 'rejected') counts.rejected += 1;
      else counts.kept += 1;
      perWorkflow.set(item.workflowId, counts);
    }
    for (const [workflowId, counts] of perWorkflow) await this.countAndTrim(workflowId, counts);
  }

  /**
   * Adds repeats to folded rejections already written (`count` grows, `lastReceivedAt` moves). One writer per
   * entry (the process that folded it), so FerretDB's non-atomic `$inc` is enough.
   */
  async addRepeats(repeats: readonly DeliveryRepeats[]): Promise<void> {
    const valid = repeats.filter((repeat) => Types.ObjectId.isValid(repeat.id) && repeat.count > 0);
    if (valid.length === 0) return;
    await withMongoErrors(() =>
      deliveryModel(this.connection).bulkWrite(
        valid.map((repeat) => ({
          updateOne: {
            filter: { _id: new Types.ObjectId(repeat.id), workflowId: repeat.workflowId },
            // Folded entries are written with `count: 1`; `$inc` and `$set` are what FerretDB serves.
            update: { $inc: { count: repeat.count }, $set: { lastReceivedAt: repeat.lastReceivedAt } },
          },
        })),
        { ordered: false },
      ),
    );
  }

  /** Which of `executionIds` already have their `accepted` entry (for rebuilding the log from Temporal). */
  async acceptedExecutionIds(workflowId: string, executionIds: readonly string[]): Promise<Set<string>> {
    if (executionIds.length === 0) return new Set();
    const documents = await withMongoErrors(() =>
      deliveryModel(this.connection)
        .find({ workflowId, executionId: { $in: executionIds }, outcome: 'accepted' }, { executionId: 1 })
        .lean<Pick<DeliveryDocument, 'executionId'>[]>(),
    );
    return new Set(documents.map((document) => document.executionId).filter((id): id is string => id !== undefined));
  }

  /**
   * When the log of entries other than rejections is full: the time of its oldest kept entry (anything older
   * would be trimmed at once). Undefined while there is room.
   */
  async oldestKeptReceivedAt(workflowId: string): Promise<Date | undefined> {
    const [oldest] = await withMongoErrors(() =>
      deliveryModel(this.connection)
        .find({ workflowId, outcome: { $in: KEPT_OUTCOMES } }, { receivedAt: 1 })
        .sort({ receivedAt: -1, _id: -1 })
        .skip(this.keepPerWorkflow - 1)
        .limit(1)
        .lean<Pick<DeliveryDocument, 'receivedAt'>[]>(),
    );
    return oldest?.receivedAt;
  }

  /**
   * A workflow's newest deliveries, newest first; `limit` (default 100) is clamped to the log's bounds.
   * `before` (the last entry of the previous page) continues the listing after it. Rejections are read from
   * their own newest `keepRejectedPerWorkflow` only, so the listing never shows more than their bound even
   * between trims.
   */
  async listDeliveries(
    workflowId: string,
    limit: number = DEFAULT_LIST_LIMIT,
    before?: { receivedAt: Date; id: string },
  ): Promise<DeliveryRecord[]> {
    const wanted = positiveInteger(limit, DEFAULT_LIST_LIMIT);
    const bounded = Math.min(wanted, this.keepPerWorkflow);
    const after = before
      ? {
          $or: [
            { receivedAt: { $lt: before.receivedAt } },
            { receivedAt: before.receivedAt, _id: { $lt: new Types.ObjectId(before.id) } },
          ],
        }
      : {};
    const Delivery = deliveryModel(this.connection);
    const [kept, rejected] = await withMongoErrors(() =>
      Promise.all([
        Delivery.find({ workflowId, outcome: { $in: KEPT_OUTCOMES }, ...after })
          .sort({ receivedAt: -1, _id: -1 })
          .limit(bounded)
          .lean<DeliveryDocument[]>(),
        Delivery.find({ workflowId, outcome: 'rejected' })
          .sort({ receivedAt: -1, _id: -1 })
          .limit(this.keepRejectedPerWorkflow)
          .lean<DeliveryDocument[]>(),
      ]),
    );
    const rejectedPage = before ? rejected.filter((document) => isBefore(document, before)) : rejected;
    return mergeNewestFirst(withoutRebuiltTwins(kept), rejectedPage)
      .slice(0, Math.min(wanted, this.keepPerWorkflow + this.keepRejectedPerWorkflow))
      .map(toRecord);
  }

  /** Deletes a workflow's entries beyond its bounds (rejections and the rest apart); returns how many. */
  async trimDeliveries(workflowId: string, which: 'kept' | 'rejected' | 'both' = 'both'): Promise<number> {
    let deleted = 0;
    if (which !== 'rejected') {
      deleted += await this.trimBeyond(workflowId, { $in: KEPT_OUTCOMES }, this.keepPerWorkflow);
    }
    if (which !== 'kept') deleted += await this.trimBeyond(workflowId, 'rejected', this.keepRejectedPerWorkflow);
    return deleted;
  }

  private trimBeyond(
    workflowId: string,
    outcome: TriggerOutcome | { $in: TriggerOutcome[] },
    keep: number,
  ): Promise<number> {
    return withMongoErrors(async () => {
      const Delivery = deliveryModel(this.connection);
      const [oldestKept] = await Delivery.find({ workflowId, outcome }, { receivedAt: 1 })
        .sort({ receivedAt: -1, _id: -1 })
        .skip(keep - 1)
        .limit(1)
        .lean<Pick<DeliveryDocument, '_id' | 'receivedAt'>[]>();
      if (!oldestKept) return 0;
      const result = await Delivery.deleteMany({
        workflowId,
        outcome,
        $or: [
          { receivedAt: { $lt: oldestKept.receivedAt } },
          { receivedAt: oldestKept.receivedAt, _id: { $lt: oldestKept._id } },
        ],
      });
      return result.deletedCount;
    });
  }

  private async countAndTrim(workflowId: string, written: { kept?: number; rejected?: number }): Promise<void> {
    if (this.untilTrim.size >= MAX_TRACKED_WORKFLOWS) this.untilTrim.clear();
    // The entries are written; a failed trim is retried by the next one, it must not fail the recording.
    if (written.kept) {
      if (this.countDown(workflowId, written.kept, this.trimEvery)) {
        await this.trimDeliveries(workflowId, 'kept').catch(() => undefined);
      }
    }
    if (written.rejected) {
      if (this.countDown(`${workflowId}\u0000rejected`, written.rejected, this.trimRejectedEvery)) {
        await this.trimDeliveries(workflowId, 'rejected').catch(() => undefined);
      }
    }
  }

  /** True when `key`'s countdown ran out (and restarts it). */
  private countDown(key: string, written: number, every: number): boolean {
    let left = (this.untilTrim.get(key) ?? randomInt(1, every + 1)) - written;
    const due = left <= 0;
    if (due) left = every;
    this.untilTrim.set(key, left);
    return due;
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
  if (typeof document.count === 'number' && document.count > 1) record.count = document.count;
  if (record.count !== undefined && document.lastReceivedAt instanceof Date) {
    record.lastReceivedAt = document.lastReceivedAt;
  }
  if (document.recovered === true) record.recovered = true;
  return record;
}

function isBefore(document: DeliveryDocument, before: { receivedAt: Date; id: string }): boolean {
  const time = document.receivedAt.getTime();
  const cut = before.receivedAt.getTime();
  return time < cut || (time === cut && document._id.toHexString() < before.id);
}

/** Two lists each newest first → one, newest first (ties broken by id, as the queries sort). */
function mergeNewestFirst(a: DeliveryDocument[], b: DeliveryDocument[]): DeliveryDocument[] {
  const merged: DeliveryDocument[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    const x = a[i];
    const y = b[j];
    if (y === undefined || (x !== undefined && newerOrSame(x, y))) {
      merged.push(x!);
      i += 1;
    } else {
      merged.push(y);
      j += 1;
    }
  }
  return merged;
}

function newerOrSame(x: DeliveryDocument, y: DeliveryDocument): boolean {
  const dx = x.receivedAt.getTime();
  const dy = y.receivedAt.getTime();
  return dx > dy || (dx === dy && x._id.toHexString() >= y._id.toHexString());
}

/**
 * A rebuilt entry whose original was written after all (its server came back): show the original only.
 * Both stay stored until trimmed; the rebuild is rare and the pair is harmless.
 */
function withoutRebuiltTwins(documents: DeliveryDocument[]): DeliveryDocument[] {
  const written = new Set(
    documents
      .filter((document) => document.outcome === 'accepted' && document.recovered !== true)
      .map((document) => document.executionId),
  );
  return documents.filter(
    (document) =>
      document.recovered !== true || document.executionId === undefined || !written.has(document.executionId),
  );
}

function positiveInteger(value: number | undefined, fallback: number): number {
  return value !== undefined && Number.isFinite(value) && value >= 1 ? Math.floor(value) : fallback;
}
