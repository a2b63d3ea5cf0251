import { sleep } from '../clock';
import { isSuccess, type Delivery } from '../senders/records';
import type { AdminClient } from '../stack/admin-client';
import type { Violations } from './violations';

/** Entries kept per workflow apart from rejections. */
const DELIVERY_LOG_BOUND = 1000;
const ORDER_MARGIN = 50;

/**
 * Every delivery answered 202 has its `accepted` entry in the workflow's delivery log, even when the server
 * that accepted it was killed before writing it (the run in Temporal is the durable record the log is rebuilt
 * from). Entries are written a moment after the answer, so the log is read until complete or `timeoutMs`.
 */
export async function checkDeliveryLog(
  admin: AdminClient,
  workflowId: string,
  deliveries: readonly Delivery[],
  timeoutMs: number,
  violations: Violations,
): Promise<void> {
  // The log keeps the newest 1000 entries that are not rejections (docs/deliveries.md); older accepted entries
  // are dropped by that bound, not lost. Only the newest are required, less a margin because the servers'
  // order of arrival may differ slightly from the senders' order of answers.
  const newest = deliveries
    .flatMap((delivery) => delivery.attempts)
    .filter((attempt) => isSuccess(attempt.status))
    .sort((a, b) => b.answeredAt - a.answeredAt)
    .slice(0, DELIVERY_LOG_BOUND - ORDER_MARGIN);
  const accepted = new Set(
    newest.filter((attempt) => attempt.status === 202).map((attempt) => attempt.executionId ?? ''),
  );
  const deadline = Date.now() + timeoutMs;
  let missing: string[] = [...accepted];
  let lastError: unknown;
  for (;;) {
    try {
      const logged = new Set(
        (await admin.deliveries(workflowId))
          .filter((entry) => entry.outcome === 'accepted')
          .map((entry) => entry.executionId),
      );
      missing = [...accepted].filter((id) => !logged.has(id));
      lastError = undefined;
      if (missing.length === 0) return;
    } catch (error) {
      lastError = error;
    }
    if (Date.now() > deadline) break;
    await sleep(1_000);
  }
  if (lastError !== undefined) {
    violations.add(
      'the delivery log could not be read',
      lastError instanceof Error ? lastError.message : JSON.stringify(lastError),
    );
    return;
  }
  for (const id of missing) {
    violations.add(
      'an accepted delivery is missing from the delivery log',
      `${id} answered 202, no accepted entry after ${timeoutMs / 1000} s`,
    );
  }
}
