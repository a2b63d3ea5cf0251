import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MetricsEndpoint } from '@hookflow/engine';
import { serveServerMetrics } from '../../src/metrics/serve-metrics';
import type { TestServer } from '../support/test-server';
import { createKey, createWorkflow, orderAlert, postWebhook, type TestKey } from '../webhooks/support/webhook-fixtures';
import { startWebhookTestServer } from '../webhooks/support/webhook-test-server';

/** Prometheus text: the value of one sample, 0 when the series does not exist yet. */
function sample(text: string, series: string): number {
  const line = text.split('\n').find((l) => l.startsWith(`${series} `));
  return line === undefined ? 0 : Number(line.slice(series.length + 1));
}

describe('server metrics (HOOKFLOW_METRICS_PORT)', () => {
  let server: TestServer;
  let endpoint: MetricsEndpoint;
  let key: TestKey;
  let workflowId: string;
  const scrape = async () => (await fetch(`http://127.0.0.1:${endpoint.port}/metrics`)).text();

  beforeAll(async () => {
    server = await startWebhookTestServer();
    // Port 0 picks a free port where an operator sets a fixed one.
    server.config.metrics.serverPort = 0;
    endpoint = (await serveServerMetrics(server.ctx))!;
    key = await createKey(server);
    workflowId = await createWorkflow(server, orderAlert(key.name));
  });
  afterAll(async () => {
    await endpoint?.close();
    await server?.close();
  });

  it('is off when HOOKFLOW_METRICS_PORT is unset, on loopback when set', async () => {
    const withoutPort = {
      ...server.ctx,
      config: { ...server.config, metrics: { ...server.config.metrics, serverPort: undefined } },
    };
    expect(await serveServerMetrics(withoutPort)).toBeUndefined();
    expect(server.config.metrics.host).toBe('127.0.0.1');
  });

  it('counts deliveries by trigger type, outcome and status, and times accepted ones and their Temporal start', async () => {
    const accepted =
      'hookflow_webhook_deliveries_total{trigger_type="generic-webhook",outcome="accepted",status="202"}';
    const refused = 'hookflow_webhook_deliveries_total{trigger_type="generic-webhook",outcome="rejected",status="401"}';
    const unknown = 'hookflow_webhook_deliveries_total{trigger_type="none",outcome="rejected",status="404"}';
    const before = await scrape();

    expect((await postWebhook(server, workflowId, { key: key.key, body: { orderId: 'm-1', amount: 5 } })).status).toBe(
      202,
    );
    expect((await postWebhook(server, workflowId, { key: 'hf_wrong', body: { orderId: 'm-2' } })).status).toBe(401);
    expect((await postWebhook(server, 'wf_nothing_here', { key: key.key, body: {} })).status).toBe(404);

    const after = await scrape();
    expect(sample(after, accepted) - sample(before, accepted)).toBe(1);
    expect(sample(after, refused) - sample(before, refused)).toBe(1);
    expect(sample(after, unknown) - sample(before, unknown)).toBe(1);
    const acceptCount = 'hookflow_webhook_accept_duration_seconds_count{trigger_type="generic-webhook"}';
    expect(sample(after, acceptCount) - sample(before, acceptCount)).toBe(1);
    const startCount = 'hookflow_temporal_start_duration_seconds_count{result="started"}';
    expect(sample(after, startCount) - sample(before, startCount)).toBe(1);
    // Nothing that grows without bound: no workflow ids, execution ids or URLs in any label.
    expect(after).not.toContain(workflowId);
    expect(after).not.toContain('wf_nothing_here');
  });

  it('counts cache hits and misses, and serves process metrics', async () => {
    // A key and workflow no webhook has used yet: the first request misses both caches, the next one hits.
    const freshKey = await createKey(server);
    const freshWorkflow = await createWorkflow(server, orderAlert(freshKey.name));
    const body = { orderId: 'm-3', amount: 5 };
    const before = await scrape();
    await postWebhook(server, freshWorkflow, { key: freshKey.key, body });
    await postWebhook(server, freshWorkflow, { key: freshKey.key, body });
    const after = await scrape();
    for (const cache of ['workflow', 'api_key']) {
      for (const result of ['hit', 'miss']) {
        const series = `hookflow_cache_lookups_total{cache="${cache}",result="${result}"}`;
        expect(sample(after, series) - sample(before, series), series).toBe(1);
      }
    }
    expect(after).toContain('process_cpu_seconds_total');
    expect(after).toContain('nodejs_heap_size_used_bytes');
  });
});
