import { randomBytes } from 'node:crypto';
import { mkdtemp } from 'node:fs/promises';
import net from 'node:net';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  findFreePort,
  resolveDatabaseBinary,
  startDatabase,
  startProcess,
  type ManagedProcess,
  type RunningDatabase,
} from '@hookflow/dev-stack';
import { testStack, uniqueName } from '@hookflow/dev-stack/testing';

/**
 * Shutdown while a client holds a connection open and the delivery log cannot be written: the server must
 * still try to write it out, within a bounded wait, and say how many entries it could not write — it used to
 * wait for the connection until its hard exit and drop the buffered entries without a word.
 */
describe('server shutdown with a held connection', () => {
  let database: RunningDatabase;
  let server: ManagedProcess;
  const output: string[] = [];
  let baseUrl: string;
  const adminToken = randomBytes(24).toString('hex');
  let held: net.Socket | undefined;
  let paused = false;

  beforeAll(async () => {
    const dir = await mkdtemp(path.join(testStack().home, 'shutdown-'));
    database = await startDatabase({
      binary: await resolveDatabaseBinary(() => undefined),
      port: await findFreePort(),
      dataDir: path.join(dir, 'data'),
      logFile: path.join(dir, 'database.log'),
    });
    const port = await findFreePort();
    baseUrl = `http://127.0.0.1:${port}`;
    server = startProcess({
      name: 'server',
      command: process.execPath,
      args: [require.resolve('../dist/main.js')],
      env: {
        PATH: process.env.PATH,
        HOME: process.env.HOME,
        HOOKFLOW_PORT: String(port),
        HOOKFLOW_ADMIN_TOKEN: adminToken,
        MONGODB_URI: `${database.uri}/${uniqueName('shutdown')}`,
        TEMPORAL_ADDRESS: testStack().temporalAddress,
        HOOKFLOW_TASK_QUEUE: uniqueName('shutdown'),
        HOOKFLOW_PLUGINS: '@hookflow/triggers-generic,@hookflow/engine/nodes',
        LOG_LEVEL: 'info',
      },
      onLine: (line) => output.push(line),
    });
    // Ready: MongoDB and Temporal answer (polled by hand: expect.poll belongs to tests, not hooks).
    for (const until = Date.now() + 30_000; Date.now() < until;) {
      if ((await fetch(`${baseUrl}/readyz`).catch(() => undefined))?.status === 200) return;
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
    throw new Error(`server not ready:\n${output.join('\n')}`);
  });

  afterAll(async () => {
    held?.destroy();
    if (paused) process.kill(database.process.pid, 'SIGCONT');
    await server?.stop(2_000);
    await database?.stop();
  });

  const admin = async <T>(route: string, body: unknown): Promise<T> => {
    const response = await fetch(`${baseUrl}/api/v1${route}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${adminToken}`, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    expect(response.status, output.join('\n')).toBe(201);
    return (await response.json()) as T;
  };

  it('writes out or reports the buffered delivery log within a bounded wait, whatever the client does', async () => {
    const key = await admin<{ name: string; key: string }>('/api-keys', { name: uniqueName('key') });
    const workflow = await admin<{ id: string }>('/workflows', {
      name: uniqueName('shutdown'),
      trigger: { type: 'generic-webhook', apiKeyName: key.name, config: {} },
      nodes: [{ id: 'noop', type: 'transform', params: { value: 1 } }],
      edges: [],
    });
    const send = () =>
      fetch(`${baseUrl}/webhooks/${workflow.id}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-api-key': key.key },
        body: '{}',
      });
    expect((await send()).status).toBe(202); // warms the workflow and key caches

    // The database stalls: accepted deliveries (Temporal alone decides) wait in the recorder's buffer.
    process.kill(database.process.pid, 'SIGSTOP');
    paused = true;
    for (let i = 0; i < 3; i++) expect((await send()).status).toBe(202);

    // A client in the middle of its request headers: the connection is neither idle nor finished.
    held = net.connect(Number(new URL(baseUrl).port), '127.0.0.1');
    await new Promise((resolve) => held!.once('connect', resolve));
    held.write(`POST /webhooks/${workflow.id} HTTP/1.1\r\nHost: 127.0.0.1\r\n`);
    held.on('error', () => undefined);

    const stopping = performance.now();
    process.kill(server.pid, 'SIGTERM');
    const code = await server.exited;
    const tookMs = performance.now() - stopping;
    expect(code).toBe(0);
    expect(tookMs).toBeLessThan(13_000);
    const report = output.find((line) => line.includes('delivery log entries could not be written before shutdown'));
    expect(report, output.join('\n')).toBeDefined();
    // The three accepted while stalled (and the warm-up's, when its write had not gone out yet).
    expect((JSON.parse(report!) as { lost: number }).lost).toBeGreaterThanOrEqual(3);
  });
});
