import { startMetricsEndpoint, type MetricsEndpoint } from '@hookflow/engine';
import type { ServerContext } from '../server-context';

/** Serves `/metrics` on `HOOKFLOW_METRICS_PORT` (loopback unless `HOOKFLOW_METRICS_HOST` says otherwise); off when unset. */
export async function serveServerMetrics(ctx: ServerContext): Promise<MetricsEndpoint | undefined> {
  const { host, serverPort } = ctx.config.metrics;
  if (serverPort === undefined) return undefined;
  const endpoint = await startMetricsEndpoint({
    host,
    port: serverPort,
    render: () => ctx.metrics.registry.metrics(),
    logger: ctx.logger,
  });
  ctx.logger.info({ host, port: endpoint.port }, 'metrics listening');
  return endpoint;
}
