import { checkDuplicateWindow, namespaceRetentionSeconds } from '@hookflow/engine';
import type { ServerContext } from '../server-context';

/**
 * Start-up check that no setting accepts deliveries older than Temporal keeps runs (docs/limits.md, the
 * duplicate window). Temporal may still be starting: asked until it answers, quietly at first. Resolves once
 * checked; rejects with `ConfigError` when a setting exceeds the retention (the caller stops the server).
 */
export async function guardDuplicateWindow(ctx: Pick<ServerContext, 'config' | 'logger' | 'temporal'>): Promise<void> {
  const { config, logger } = ctx;
  const startedAt = Date.now();
  for (let delayMs = 500; ; delayMs = Math.min(delayMs * 2, 30_000)) {
    let retentionSeconds: number | undefined;
    try {
      retentionSeconds = await namespaceRetentionSeconds(ctx.temporal.connection, config.temporalNamespace);
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      const level = Date.now() - startedAt < 15_000 ? 'debug' : 'warn';
      logger[level]({ reason, retryInMs: delayMs }, 'namespace retention not read yet; retrying');
      await new Promise((resolve) => setTimeout(resolve, delayMs).unref());
      continue;
    }
    if (retentionSeconds === undefined) {
      logger.warn({ namespace: config.temporalNamespace }, 'Temporal reports no retention: duplicate window unknown');
      return;
    }
    checkDuplicateWindow(config, retentionSeconds, config.temporalNamespace);
    logger.info(
      { namespace: config.temporalNamespace, retentionDays: Math.round((retentionSeconds / 86_400) * 10) / 10 },
      'duplicate window: a delivery key is recognised for the namespace retention',
    );
    return;
  }
}
