import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { createServer } from 'node:net';
import path from 'node:path';
import { testStack, uniqueName } from '@hookflow/dev-stack/testing';
import { adminFetch, newEncryptionKey } from './test-server';

/**
 * The built server (`packages/server/dist/main.js`) as a process of its own, as production runs it. For
 * tests whose point is that the server stays responsive: an in-process server that blocks its event loop
 * would block the test's own requests and timers too, so the test could not even notice.
 */
export interface ServerProcess {
  baseUrl: string;
  admin(apiPath: string, init?: RequestInit & { json?: unknown }): Promise<Response>;
  close(): Promise<void>;
}

const MAIN = path.resolve(__dirname, '../../dist/main.js');

export async function startServerProcess(env: Record<string, string> = {}): Promise<ServerProcess> {
  const stack = testStack();
  const port = await freePort();
  const adminToken = `test-admin-${uniqueName('token')}-${'x'.repeat(24)}`;
  const database = uniqueName('server-process');
  const child: ChildProcess = spawn(process.execPath, [MAIN], {
    env: {
      PATH: process.env.PATH ?? '',
      HOOKFLOW_ADMIN_TOKEN: adminToken,
      MONGODB_URI: `${stack.mongodbUri}/${database}`,
      TEMPORAL_ADDRESS: stack.temporalAddress,
      HOOKFLOW_TASK_QUEUE: uniqueName('server-process'),
      HOOKFLOW_PORT: String(port),
      HOOKFLOW_PUBLIC_URL: `http://127.0.0.1:${port}`,
      HOOKFLOW_ENCRYPTION_KEY: newEncryptionKey(),
      LOG_LEVEL: 'warn',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const collect = (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-20_000);
  };
  child.stdout?.on('data', collect);
  child.stderr?.on('data', collect);
  const exited = once(child, 'exit');
  const baseUrl = `http://127.0.0.1:${port}`;

  // Ready once its database and Temporal answer (`/readyz`); an early exit is a failure with its output.
  for (;;) {
    if (child.exitCode !== null) throw new Error(`the server exited (${child.exitCode}):\n${output}`);
    const ok = await fetch(`${baseUrl}/readyz`).then(
      (response) => response.ok,
      () => false,
    );
    if (ok) break;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }

  return {
    baseUrl,
    admin: adminFetch(baseUrl, adminToken),
    async close() {
      if (child.exitCode === null) {
        // SIGKILL: a server that a test found blocked would never act on SIGTERM.
        child.kill('SIGKILL');
        await exited;
      }
    },
  };
}

async function freePort(): Promise<number> {
  const probe = createServer();
  probe.listen(0, '127.0.0.1');
  await once(probe, 'listening');
  const address = probe.address();
  const port = typeof address === 'object' && address !== null ? address.port : 0;
  await new Promise((resolve) => probe.close(resolve));
  return port;
}
