import { once } from 'node:events';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { randomUUID } from 'node:crypto';
import { Client, Connection } from '@temporalio/client';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { findFreePort, startProcess, type ManagedProcess } from '@hookflow/dev-stack';
import { testStack, uniqueName } from '@hookflow/dev-stack/testing';
import { startExecution } from '../../src/executions/start-execution';

const WORKER_ENTRY = require.resolve('../../dist/worker/main.js');

/**
 * The worker as it runs in production (its own process, the built entry point), with
 * HOOKFLOW_WORKER_METRICS_PORT set: its /metrics carries the Temporal SDK's metrics and Hookflow's node
 * metrics, and its /healthz turns unhealthy once the pollers stop.
 */
describe('worker metrics and /healthz', () => {
  const taskQueue = uniqueName('worker-metrics');
  const output: string[] = [];
  let worker: ManagedProcess;
  let metricsUrl: string;
  let connection: Connection;
  let client: Client;
  // An endpoint that holds its answer until released: keeps a node activity in flight.
  let release: () => void = () => undefined;
  let requestArrived: Promise<void>;
  let slowServer: http.Server;
  let slowUrl: string;

  beforeAll(async () => {
    let arrived: () => void = () => undefined;
    requestArrived = new Promise((resolve) => (arrived = resolve));
    const released = new Promise<void>((resolve) => (release = resolve));
    slowServer = http.createServer((_req, res) => {
      arrived();
      void released.then(() => res.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}'));
    });
    slowServer.listen(0, '127.0.0.1');
    await once(slowServer, 'listening');
    slowUrl = `http://127.0.0.1:${(slowServer.address() as AddressInfo).port}/slow`;

    const port = await findFreePort();
    metricsUrl = `http://127.0.0.1:${port}`;
    worker = startProcess({
      name: 'worker',
      command: process.execPath,
      args: [WORKER_ENTRY],
      env: {
        PATH: process.env.PATH,
        TEMPORAL_ADDRESS: testStack().temporalAddress,
        MONGODB_URI: `${testStack().mongodbUri}/${uniqueName('worker-metrics')}`,
        HOOKFLOW_TASK_QUEUE: taskQueue,
        HOOKFLOW_WORKER_METRICS_PORT: String(port),
        LOG_LEVEL: 'warn',
      },
      onLine: (line) => output.push(line),
    });
    connection = await Connection.connect({ address: testStack().temporalAddress });
    client = new Client({ connection });
  });

  afterAll(async () => {
    release();
    await worker.stop(5_000);
    await connection.close();
    slowServer.closeAllConnections();
    await new Promise((resolve) => slowServer.close(resolve));
  });

  it('is healthy while polling, counts node executions, serves the SDK metrics, and turns unhealthy when polling stops', async () => {
    await eventually(async () => {
      expect(worker.hasExited(), output.join('\n')).toBe(false);
      const response = await fetch(`${metricsUrl}/healthz`);
      expect(response.status, output.join('\n')).toBe(200);
      expect(await response.json()).toEqual({
        status: 'ok',
        runState: 'RUNNING',
        workflowPollerState: 'POLLING',
        activityPollerState: 'POLLING',
      });
    });

    await startExecution(client, taskQueue, {
      workflow: { id: uniqueName('wf'), name: 'metrics', version: 1 },
      graph: {
        nodes: [
          { id: 'shape', type: 'transform', params: { value: { ok: true } } },
          { id: 'call', type: 'http.request', params: { method: 'GET', url: slowUrl } },
        ],
        edges: [{ from: 'shape', to: 'call' }],
      },
      trigger: { type: 'test', deliveryKey: randomUUID(), payload: {} },
    });
    await requestArrived;

    const metrics = await (await fetch(`${metricsUrl}/metrics`)).text();
    expect(metrics).toContain('hookflow_node_executions_total{node_type="transform",outcome="succeeded"} 1');
    expect(metrics).toMatch(
      /hookflow_node_duration_seconds_bucket\{le="[\d.]+",node_type="transform",outcome="succeeded"\} 1/,
    );
    // The Temporal SDK's own metrics, Prometheus-style names (counters end in _total, durations in seconds).
    expect(metrics).toMatch(/^temporal_worker_task_slots_available\{/m);
    expect(metrics).toMatch(/^temporal_workflow_task_execution_latency_seconds_bucket\{/m);
    // `transform` ran as a local activity (the http.request activity is still running).
    expect(metrics).toMatch(/^temporal_local_activity_execution_latency_seconds_bucket\{/m);
    expect(metrics).toMatch(/^temporal_request_total\{/m);
    expect(metrics).toContain('process_cpu_seconds_total');
    // No unbounded label values: no workflow or execution ids.
    expect(metrics).not.toMatch(/workflow_id=|execution_id=|run_id=/);

    // SIGTERM stops the pollers; the http.request activity keeps the process alive in its grace time.
    process.kill(worker.pid, 'SIGTERM');
    await eventually(async () => {
      const response = await fetch(`${metricsUrl}/healthz`);
      expect(response.status).toBe(503);
      expect(await response.json()).toMatchObject({ status: 'unhealthy', workflowPollerState: 'SHUTDOWN' });
    });
    release();
    expect(await worker.exited).toBe(0);
  });
});

/** Retries `check` until it passes, as the condition may take a moment to hold (vitest's own poller). */
function eventually(check: () => Promise<void>): Promise<void> {
  return vi.waitFor(check, { timeout: 30_000, interval: 200 });
}
