import { randomBytes } from 'node:crypto';
import { findFreePort } from '@hookflow/dev-stack';
import { testStack, uniqueName } from '@hookflow/dev-stack/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HookflowApi, seedFlow } from './support/hookflow-api';
import {
  assertImageExists,
  containerProcesses,
  healthcheck,
  imageUnderTest,
  podman,
  podmanOk,
  stopWithSigterm,
  waitHealthy,
} from './support/podman';

// The image as operators run it: a server and a worker container (host network) against the test stack's
// Temporal and FerretDB on free ports, the image's own entry point, user, HEALTHCHECK and signal handling.
const image = imageUnderTest();
const run = uniqueName('hookflow-smoke');
const containers = { server: `${run}-server`, worker: `${run}-worker` };
// compose.yml's stop_grace_period for each role.
const graceSeconds = { server: 15, worker: 60 };
const adminToken = randomBytes(24).toString('hex');
let api: HookflowApi;

async function start(name: string, env: Record<string, string>, command: string[], options: string[] = []) {
  const envArgs = Object.entries(env).flatMap(([key, value]) => ['--env', `${key}=${value}`]);
  await podmanOk(['run', '--detach', '--name', name, '--network', 'host', ...envArgs, ...options, image, ...command]);
}

beforeAll(async () => {
  await assertImageExists(image);
  const stack = testStack();
  const port = await findFreePort();
  const env = {
    MONGODB_URI: `${stack.mongodbUri}/${uniqueName('docker')}`,
    TEMPORAL_ADDRESS: stack.temporalAddress,
    TEMPORAL_NAMESPACE: stack.temporalNamespace,
    HOOKFLOW_TASK_QUEUE: run,
    // The image sets NODE_ENV=production, where credentials need an encryption key.
    HOOKFLOW_ENCRYPTION_KEY: randomBytes(32).toString('base64'),
    LOG_LEVEL: 'warn',
  };
  await start(containers.server, { ...env, HOOKFLOW_ADMIN_TOKEN: adminToken, HOOKFLOW_PORT: String(port) }, []);
  // The worker's metrics port also serves its /healthz (on loopback inside the container's network).
  await start(containers.worker, { ...env, HOOKFLOW_WORKER_METRICS_PORT: String(await findFreePort()) }, ['worker']);
  api = new HookflowApi(`http://127.0.0.1:${port}`, adminToken);
});

afterAll(async () => {
  const names = await podman(['ps', '--all', '--format', '{{.Names}}', '--filter', `name=${run}`]);
  const left = names.stdout.split('\n').filter(Boolean);
  if (left.length > 0) await podman(['rm', '--force', '--time', '0', ...left]);
});

describe(`the image ${image}`, () => {
  it('serves /readyz with 200 once connected to MongoDB and Temporal', async () => {
    const ready = await api.waitReady(60_000);
    expect(ready.status).toBe(200);
  });

  it.each(['server', 'worker'] as const)('runs the %s as uid 1000 under tini', async (role) => {
    const processes = await containerProcesses(containers[role]);
    const init = processes.find((process) => process.pid === 1);
    expect(init?.command).toBe(`/usr/bin/tini -- /app/docker/entrypoint.sh ${role}`);
    const entry = role === 'server' ? 'packages/server/dist/main.js' : 'packages/engine/dist/worker/main.js';
    expect(processes.filter((process) => process.ppid === 1)).toEqual([
      expect.objectContaining({ command: `node ${entry}`, uid: 1000 }),
    ]);
    expect(init?.uid).toBe(1000);
  });

  it.each(['server', 'worker'] as const)('passes its HEALTHCHECK as the %s', async (role) => {
    await waitHealthy(containers[role], 30_000);
    expect(await healthcheck(containers[role])).toMatchObject({ code: 0, stdout: '' });
  });

  it('fails its HEALTHCHECK against a dead port, for both roles', async () => {
    const deadPort = await findFreePort();
    // Containers without the process the check looks for: it must look, not assume.
    await start(`${run}-dead-server`, { HOOKFLOW_PORT: String(deadPort) }, ['sleep', 'infinity']);
    // The image's HEALTHCHECK takes the role from the container's command; compose.yml names it, as here.
    const workerCheck = ['--health-cmd', '["node", "/app/docker/healthcheck.js", "worker"]'];
    await start(
      `${run}-dead-worker`,
      { TEMPORAL_ADDRESS: `127.0.0.1:${deadPort}`, HOOKFLOW_WORKER_METRICS_PORT: String(deadPort) },
      ['sleep', 'infinity'],
      workerCheck,
    );
    for (const role of ['server', 'worker']) {
      expect(await healthcheck(`${run}-dead-${role}`)).toMatchObject({ code: 1, stdout: 'unhealthy\n' });
    }
  });

  it('runs the seed flow: API key, workflow, webhook 202, duplicate 200, execution completed', async () => {
    const seed = await seedFlow(api, uniqueName('order'));
    expect(seed.first).toMatchObject({ status: 202, body: { status: 'accepted' } });
    expect(seed.duplicate).toMatchObject({ status: 200, body: { executionId: seed.executionId, status: 'duplicate' } });
    expect(seed.execution).toMatchObject({
      status: 'completed',
      nodes: { shape: { status: 'succeeded', output: { order: '1001' } }, note: { status: 'succeeded' } },
    });
  });

  it.each(['server', 'worker'] as const)(
    'stops the %s on SIGTERM with exit code 0 within its grace period, and the container is removed',
    async (role) => {
      const stopped = await stopWithSigterm(containers[role], graceSeconds[role]);
      expect(stopped.exitCode).toBe(0);
      expect(stopped.seconds).toBeLessThan(graceSeconds[role]);
      await podmanOk(['rm', containers[role]]);
      expect((await podman(['container', 'exists', containers[role]])).code).toBe(1);
    },
  );
});
