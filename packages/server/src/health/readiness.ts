export type ComponentCheck = () => Promise<void>;

export interface ReadinessReport {
  ready: boolean;
  down: { component: string; message: string }[];
}

/** Runs every dependency check in parallel; the server is ready only when all of them answer. */
export async function checkReadiness(checks: Record<string, ComponentCheck>): Promise<ReadinessReport> {
  const entries = Object.entries(checks);
  const results = await Promise.allSettled(entries.map(([, check]) => check()));
  const down = results.flatMap((result, index) =>
    result.status === 'rejected' ? [{ component: entries[index]![0], message: messageOf(result.reason) }] : [],
  );
  return { ready: down.length === 0, down };
}

function messageOf(reason: unknown): string {
  return reason instanceof Error ? reason.message : String(reason);
}
