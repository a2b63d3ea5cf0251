import { listDeliveryRuns } from '@hookflow/engine';
import type { ServerContext } from '../server-context';

/**
 * A run younger than this may still have its entry in the buffer of the server that accepted it (entries are
 * written ~100 ms after the answer, retried for longer while the database is away): it is not rebuilt yet.
 */
export const REBUILD_AFTER_MS = 5_000;
/** The rebuild must not hold a listing up for long when Temporal is slow; the listing works without it. */
const TEMPORAL_TIMEOUT_MS = 2_000;

/**
 * An accepted delivery is never lost from the log: its run in Temporal is its durable record. Before the first
 * page of a workflow's log is listed, the newest runs its webhook started are compared with the log, and an
 * entry is written for each run that has none — the server that accepted it stopped (or lost its database
 * for longer than it could buffer) before writing it. Rebuilt entries say `recovered: true`; what only the
 * request knew (source address, size) is unknown there. Resolves how many were rebuilt; never fails the
 * listing (Temporal away: nothing rebuilt now, the next listing tries again).
 */
export async function rebuildAcceptedDeliveries(
  ctx: Pick<ServerContext, 'store' | 'temporal' | 'config' | 'logger'>,
  workflowId: string,
  limit: number,
): Promise<number> {
  try {
    const deliveries = ctx.store.deliveries;
    // Runs older than the oldest kept entry of a full log would be trimmed again at once.
    const oldestKept = await deliveries.oldestKeptReceivedAt(workflowId);
    const runs = await listDeliveryRuns(ctx.temporal.client, {
      namespace: ctx.config.temporalNamespace,
      workflowId,
      startedBefore: new Date(Date.now() - REBUILD_AFTER_MS),
      ...(oldestKept ? { startedAfter: oldestKept } : {}),
      limit,
      timeoutMs: TEMPORAL_TIMEOUT_MS,
    });
    if (runs.length === 0) return 0;
    const logged = await deliveries.acceptedExecutionIds(
      workflowId,
      runs.map((run) => run.executionId),
    );
    const missing = runs.filter((run) => !logged.has(run.executionId));
    if (missing.length === 0) return 0;
    await deliveries.recordDeliveries(
      missing.map((run) => ({
        workflowId,
        receivedAt: run.startedAt,
        triggerType: run.triggerType,
        outcome: 'accepted' as const,
        status: 202,
        executionId: run.executionId,
        deliveryKey: run.deliveryKey,
        sourceIp: 'unknown',
        bytes: 0,
        recovered: true,
      })),
    );
    ctx.logger.warn({ workflowId, rebuilt: missing.length }, 'delivery log entries rebuilt from Temporal');
    return missing.length;
  } catch (error) {
    ctx.logger.warn(
      { workflowId, error: error instanceof Error ? error.message : String(error) },
      'could not rebuild the delivery log from Temporal; listing it as it is',
    );
    return 0;
  }
}
