import type { ActivityInterceptorsFactory } from '@temporalio/worker';
import { collectDefaultMetrics, Registry } from 'prom-client';
import { freeLoopbackPort } from './free-port';
import { nodeMetricsInterceptor } from './node-metrics';

export interface WorkerMetrics {
  /** Where the Temporal runtime must serve its own metrics (loopback only; read by `render`). */
  sdkBindAddress: string;
  interceptor: ActivityInterceptorsFactory;
  /** The SDK's metrics followed by Hookflow's, as one Prometheus text document. */
  render(): Promise<string>;
}

/**
 * The worker's `/metrics`. The Temporal SDK's Prometheus exporter insists on its own listener, and `/healthz`
 * must live on the operator's port too, so the SDK's exporter listens on a private loopback port and the
 * worker's endpoint fetches it on each scrape, then appends Hookflow's registry (node metrics, process
 * metrics). One port, one scrape job; metric names cannot collide (`temporal_` vs `hookflow_`/`process_`).
 */
export async function createWorkerMetrics(isKnownNodeType: (type: string) => boolean): Promise<WorkerMetrics> {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  const sdkPort = await freeLoopbackPort();
  const sdkUrl = `http://127.0.0.1:${sdkPort}/metrics`;
  return {
    sdkBindAddress: `127.0.0.1:${sdkPort}`,
    interceptor: nodeMetricsInterceptor(registry, isKnownNodeType),
    async render() {
      const [sdk, own] = await Promise.all([fetchSdkMetrics(sdkUrl), registry.metrics()]);
      return `${sdk}${sdk.endsWith('\n') || sdk === '' ? '' : '\n'}${own}`;
    },
  };
}

async function fetchSdkMetrics(url: string): Promise<string> {
  try {
    const response = await fetch(url, { signal: AbortSignal.timeout(2000) });
    if (!response.ok) return `# Temporal SDK metrics unavailable: HTTP ${response.status}\n`;
    return await response.text();
  } catch (error) {
    // Still serve Hookflow's own metrics; the comment tells whoever reads the page why the SDK's are missing.
    return `# Temporal SDK metrics unavailable: ${error instanceof Error ? error.message : String(error)}\n`;
  }
}
