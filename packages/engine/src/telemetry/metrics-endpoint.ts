import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Logger } from 'pino';

/** Prometheus text exposition format, version 0.0.4. */
export const PROMETHEUS_CONTENT_TYPE = 'text/plain; version=0.0.4; charset=utf-8';

export interface HealthReport {
  healthy: boolean;
  /** Shown in the `/healthz` body, e.g. the worker's run and poller states. */
  details: Record<string, unknown>;
}

export interface MetricsEndpointOptions {
  host: string;
  /** 0 picks a free port (tests). */
  port: number;
  /** The whole `/metrics` body. */
  render: () => Promise<string>;
  /** Serves `/healthz` (200 or 503) when given. */
  health?: () => HealthReport;
  logger: Logger;
}

export interface MetricsEndpoint {
  port: number;
  close(): Promise<void>;
}

/**
 * A small HTTP listener apart from the API: `/metrics` (and `/healthz` for the worker). It runs on its own
 * port so that scraping never shares the public listener, its middleware or its rate limits.
 */
export async function startMetricsEndpoint(options: MetricsEndpointOptions): Promise<MetricsEndpoint> {
  const server: Server = createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0];
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { allow: 'GET, HEAD', 'content-type': 'text/plain' }).end('method not allowed\n');
      return;
    }
    if (path === '/metrics') {
      options.render().then(
        (body) => res.writeHead(200, { 'content-type': PROMETHEUS_CONTENT_TYPE }).end(body),
        (error: unknown) => {
          options.logger.error({ err: error }, 'metrics could not be rendered');
          res.writeHead(500, { 'content-type': 'text/plain' }).end('metrics unavailable\n');
        },
      );
      return;
    }
    if (path === '/healthz' && options.health) {
      const report = options.health();
      res
        .writeHead(report.healthy ? 200 : 503, { 'content-type': 'application/json' })
        .end(JSON.stringify({ status: report.healthy ? 'ok' : 'unhealthy', ...report.details }) + '\n');
      return;
    }
    res.writeHead(404, { 'content-type': 'text/plain' }).end('not found\n');
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  return {
    port: (server.address() as AddressInfo).port,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
