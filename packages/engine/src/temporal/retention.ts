import type { Connection } from '@temporalio/client';
import { msToTs } from '@temporalio/common/lib/time';
import { ConfigError } from '../errors/engine-errors';

/**
 * The retention Hookflow's own stacks give their namespace (`npm run dev`, `docker/compose.yml`,
 * `HOOKFLOW_DEV_RETENTION`): 30 days. Temporal refuses a repeated workflow id only while it still keeps the
 * first run, so the namespace's retention is how long a delivery key protects against a second run.
 */
export const DEFAULT_DEV_RETENTION = '720h';

const DURATION = /^([1-9][0-9]{0,5})(d|h)$/;

/** `720h` or `30d` (what the Temporal CLI's `--retention` takes too) in seconds; undefined when malformed. */
export function parseRetention(text: string): number | undefined {
  const match = DURATION.exec(text.trim());
  if (!match) return undefined;
  return Number(match[1]) * (match[2] === 'd' ? 86_400 : 3_600);
}

/** The namespace's retention in seconds, as Temporal reports it; undefined when it reports none. */
export async function namespaceRetentionSeconds(
  connection: Connection,
  namespace: string,
  timeoutMs = 5000,
): Promise<number | undefined> {
  const described = await connection.withDeadline(Date.now() + timeoutMs, () =>
    connection.workflowService.describeNamespace({ namespace }),
  );
  const seconds = Number(described.config?.workflowExecutionRetentionTtl?.seconds ?? 0);
  return seconds > 0 ? seconds : undefined;
}

/**
 * Refuses settings that accept deliveries older than Temporal keeps runs: an SNS message older than the
 * retention but younger than `HOOKFLOW_SNS_MAX_AGE_SECONDS` could run a second time (its first run and thus
 * its id are gone). Throws `ConfigError` naming the variable.
 */
export function checkDuplicateWindow(
  settings: { snsMaxAgeSeconds: number },
  retentionSeconds: number,
  namespace: string,
): void {
  if (settings.snsMaxAgeSeconds > retentionSeconds) {
    throw new ConfigError([
      {
        path: 'HOOKFLOW_SNS_MAX_AGE_SECONDS',
        message:
          `${settings.snsMaxAgeSeconds} s is longer than the retention of Temporal namespace "${namespace}" ` +
          `(${retentionSeconds} s), the window in which a repeated delivery is recognised; lower it or raise the ` +
          `retention (temporal operator namespace update --retention)`,
      },
    ]);
  }
}

/** Sets the namespace's retention (the dev stacks do, at every start: Temporal's dev server creates 24 h). */
export async function setNamespaceRetention(
  connection: Connection,
  namespace: string,
  retentionSeconds: number,
): Promise<void> {
  await connection.workflowService.updateNamespace({
    namespace,
    config: { workflowExecutionRetentionTtl: retentionPeriod(retentionSeconds) },
  });
}

/** A retention as Temporal's API takes it (a protobuf Duration). */
export function retentionPeriod(seconds: number): ReturnType<typeof msToTs> {
  return msToTs(seconds * 1000);
}
