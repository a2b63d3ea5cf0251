import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Connection } from 'mongoose';
import { isDuplicateKeyError } from '../mongo-errors';
import { StoreError } from '../store-errors';
import { workflowLeaseModel, type WorkflowLeaseDocument } from './workflow-models';

/** A lease held this long belongs to a writer that died holding it; the next writer takes it over. */
const STALE_LEASE_MS = 10_000;
/** Within the store's per-call deadline, so a busy workflow answers `workflow_update_conflict`, not 503. */
const MAX_WAIT_MS = 1_500;

/**
 * Runs `write` while holding the workflow document's write lease. FerretDB applies an update as
 * read-then-replace-whole-document, so two writers of one workflow (an update publishing its version, an
 * enable or disable) could each undo the other's change. Inserting under a unique `_id` is atomic there, so
 * the lease makes those writes take turns.
 */
export async function withWorkflowWriteLease<T>(
  connection: Connection,
  workflowId: string,
  write: () => Promise<T>,
): Promise<T> {
  const leases = workflowLeaseModel(connection);
  const token = randomUUID();
  const giveUpAt = Date.now() + MAX_WAIT_MS;
  for (let attempt = 0; ; attempt++) {
    try {
      await leases.create({ _id: workflowId, token, takenAt: new Date() });
      break;
    } catch (error) {
      if (!isDuplicateKeyError(error)) throw error;
    }
    const held = await leases.findById(workflowId).lean<WorkflowLeaseDocument>();
    if (held && Date.now() - held.takenAt.getTime() > STALE_LEASE_MS) {
      await leases.deleteOne({ _id: workflowId, token: held.token });
      continue;
    }
    if (Date.now() > giveUpAt) {
      throw new StoreError('workflow_update_conflict', `Workflow ${workflowId} is being changed concurrently; retry`);
    }
    await sleep(backoffMs(attempt));
  }
  try {
    return await write();
  } finally {
    await leases.deleteOne({ _id: workflowId, token }).catch(() => undefined);
  }
}

/** 5 ms doubling to 200 ms, with jitter so racing writers spread out. */
export function backoffMs(attempt: number): number {
  const base = Math.min(200, 5 * 2 ** attempt);
  return base / 2 + Math.random() * base;
}
