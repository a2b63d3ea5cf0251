import { once } from 'node:events';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { findFreePort, startProcess, type ManagedProcess } from '@hookflow/dev-stack';
import { testStack, uniqueName } from '@hookflow/dev-stack/testing';
import { OtlpReceiver, type ReceivedSpan } from './otlp-receiver';

/**
 * The server and the worker as operators run them (built entry points, separate processes) with
 * OTEL_EXPORTER_OTLP_ENDPOINT set: one webhook gives ONE trace, continued from the sender's traceparent,
 * through the Temporal start, the run and the node, to the node's outgoing request (which carries it on).
 */
describe('OpenTelemetry tracing', () => {
  const receiver = new OtlpReceiver();
  const output: string[] = [];
  const children: ManagedProcess[] = [];
  let baseUrl: string;
  let adminToken: string;
  let target: http.Server;
  let targetUrl: string;
  let received: http.IncomingHttpHeaders | undefined;

  beforeAll(async () => {
    await receiver.start();
    target = http.createServer((req, res) => {
      received = req.headers;
      req.resume();
      req.on('end', () => res.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}'));
    });
    target.listen(0, '127.0.0.1');
    await once(target, 'listening');
    targetUrl = `http://127.0.0.1:${(target.address() as AddressInfo).port}`;

    const port = await findFreePort();
    baseUrl = `http://127.0.0.1:${port}`;
    adminToken = randomBytes(24).toString('hex');
    const env: NodeJS.ProcessEnv = {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      HOOKFLOW_PORT: String(port),
      HOOKFLOW_PUBLIC_URL: baseUrl,
      HOOKFLOW_ADMIN_TOKEN: adminToken,
      MONGODB_URI: `${testStack().mongodbUri}/${uniqueName('tracing')}`,
      TEMPORAL_ADDRESS: testStack().temporalAddress,
      HOOKFLOW_TASK_QUEUE: uniqueName('tracing'),
      LOG_LEVEL: 'warn',
      OTEL_EXPORTER_OTLP_ENDPOINT: receiver.url,
      OTEL_EXPORTER_OTLP_PROTOCOL: 'http/json',
      OTEL_BSP_SCHEDULE_DELAY: '100',
      OTEL_METRICS_EXPORTER: 'none',
      OTEL_LOGS_EXPORTER: 'none',
    };
    for (const [name, entry] of [
      ['server', require.resolve('../../dist/main.js')],
      ['worker', require.resolve('@hookflow/engine/worker')],
    ] as const) {
      children.push(
        startProcess({
          name,
          command: process.execPath,
          args: [entry],
          env,
          onLine: (line) => output.push(`[${name}] ${line}`),
        }),
      );
    }
    await eventually(async () => expect((await fetch(`${baseUrl}/readyz`)).status).toBe(200));
  });

  afterAll(async () => {
    await Promise.all(children.map((child) => child.stop(5_000)));
    await receiver.stop();
    target.closeAllConnections();
    await new Promise((resolve) => target.close(resolve));
  });

  const admin = async <T>(path: string, body: unknown): Promise<T> => {
    const response = await fetch(`${baseUrl}/api/v1${path}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${adminToken}`, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    expect(response.status, output.join('\n')).toBe(201);
    return (await response.json()) as T;
  };

  it('gives one connected trace: webhook → start → run → node → outgoing request', async () => {
    const key = await admin<{ name: string; key: string }>('/api-keys', { name: uniqueName('key') });
    const workflow = await admin<{ id: string }>('/workflows', {
      name: uniqueName('traced'),
      trigger: { type: 'generic-webhook', apiKeyName: key.name, config: {} },
      nodes: [
        { id: 'call', type: 'http.request', params: { method: 'POST', url: `${targetUrl}/hook`, body: { a: 1 } } },
      ],
      edges: [],
    });

    // The sender's own trace: Hookflow continues it.
    const traceId = randomBytes(16).toString('hex');
    const senderSpanId = randomBytes(8).toString('hex');
    const response = await fetch(`${baseUrl}/webhooks/${workflow.id}`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'x-api-key': key.key,
        traceparent: `00-${traceId}-${senderSpanId}-01`,
      },
      body: JSON.stringify({ hello: 'trace' }),
    });
    expect(response.status).toBe(202);

    // The node's outgoing request carries the same trace on.
    await eventually(() =>
      Promise.resolve(expect(received?.traceparent).toMatch(new RegExp(`^00-${traceId}-[0-9a-f]{16}-01$`))),
    );

    const expected = [
      'POST /webhooks/:workflowId',
      'StartWorkflow:runGraph',
      'RunWorkflow:runGraph',
      'RunActivity:executeNode',
      'node http.request',
    ];
    let trace: ReceivedSpan[] = [];
    await eventually(() => {
      trace = receiver.spans.filter((span) => span.traceId === traceId);
      const names = trace.map((span) => span.name);
      for (const name of expected) expect(names, JSON.stringify(names)).toContain(name);
      expect(
        trace.some((span) => span.service === 'hookflow-worker' && span.attributes['http.request.method'] === 'POST'),
      ).toBe(true);
      return Promise.resolve();
    });

    const byName = (name: string) => trace.find((span) => span.name === name)!;
    const webhook = byName('POST /webhooks/:workflowId');
    expect(webhook.parentSpanId).toBe(senderSpanId);
    expect(webhook.service).toBe('hookflow-server');
    expect(webhook.attributes).toMatchObject({
      'hookflow.trigger.type': 'generic-webhook',
      'hookflow.delivery.outcome': 'accepted',
      'http.response.status_code': 202,
    });
    expect(byName('node http.request').attributes).toMatchObject({
      'hookflow.node.id': 'call',
      'hookflow.node.type': 'http.request',
    });

    // Connected: every span's parent is in the trace, up to the webhook span whose parent is the sender's.
    const ids = new Set(trace.map((span) => span.spanId));
    for (const span of trace) {
      if (span !== webhook) expect(ids.has(span.parentSpanId), `${span.name} has its parent in the trace`).toBe(true);
    }
    const outgoing = trace.find(
      (span) => span.service === 'hookflow-worker' && span.attributes['http.request.method'] === 'POST',
    )!;
    const chain: string[] = [];
    for (
      let span: ReceivedSpan | undefined = outgoing;
      span;
      span = trace.find((s) => s.spanId === span.parentSpanId)
    ) {
      chain.unshift(span.name);
    }
    expect(chain[0]).toBe('POST /webhooks/:workflowId');
    for (const name of expected) expect(chain).toContain(name);
    expect(received?.traceparent).toContain(outgoing.spanId);
  });

  it('starts without a stack trace or an index warning when nothing is wrong', () => {
    expect(output.filter((line) => /MongoDB indexes not built|"stack"|^\S+\s+at /.test(line))).toEqual([]);
  });
});

/** Retries `check` until it passes, as the condition may take a moment to hold (vitest's own poller). */
function eventually(check: () => Promise<void>): Promise<void> {
  return vi.waitFor(check, { timeout: 30_000, interval: 200 });
}
