import { randomBytes } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { findFreePort, resolveTemporalCli } from '@hookflow/dev-stack';
import { uniqueName } from '@hookflow/dev-stack/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HookflowApi, seedFlow, type SeedResult } from './support/hookflow-api';
import { assertImageExists, imageUnderTest, podman, podmanOk, run, waitHealthy } from './support/podman';

// docker/compose.yml as operators run it, through podman-compose, under its own project name and free host
// ports. MongoDB and Temporal are the images docker/podman/compose-images chose (MONGODB_IMAGE,
// TEMPORAL_IMAGE): the real ones where a registry is reachable, named local stand-ins where not.
const composeFile = path.resolve(__dirname, '..', 'compose.yml');
const podmanCompose = path.resolve(__dirname, '..', 'podman', 'podman-compose');
const project = uniqueName('hookflow-compose');
const services = ['mongodb', 'temporal', 'server', 'worker'] as const;
const adminToken = randomBytes(24).toString('hex');
const taskQueue = uniqueName('compose-queue');
let envFile: string;
let ports: { http: number; temporal: number; ui: number };
let api: HookflowApi;
let seed: SeedResult;

function compose(...args: string[]) {
  return run(
    podmanCompose,
    ['--project-name', project, '--env-file', envFile, '--file', composeFile, ...args],
    300_000,
  );
}

async function composeOk(...args: string[]): Promise<void> {
  const result = await compose(...args);
  if (result.code !== 0) throw new Error(`podman-compose ${args.join(' ')}: ${result.code}\n${result.stderr}`);
}

/** The running container of each service, by the labels podman-compose sets. */
async function containersByService(): Promise<Record<string, string>> {
  const out = await podmanOk([
    'ps',
    '--filter',
    `label=io.podman.compose.project=${project}`,
    '--format',
    '{{.Names}} {{index .Labels "com.docker.compose.service"}}',
  ]);
  return Object.fromEntries(
    out
      .split('\n')
      .filter(Boolean)
      .map((line) => line.split(' ').reverse()),
  ) as Record<string, string>;
}

async function upAndHealthy(): Promise<Record<string, string>> {
  const started = Date.now();
  await composeOk('up', '--detach', '--no-build');
  const upSeconds = (Date.now() - started) / 1000;
  const containers = await containersByService();
  // The one-shot temporal-retention may still be running (or retrying) at this moment: not a service of these.
  expect(
    Object.keys(containers)
      .filter((service) => service !== 'temporal-retention')
      .sort(),
  ).toEqual([...services].sort());
  // Without systemd nothing runs the healthchecks on a timer, and podman < 4.6 cannot wait for
  // `service_healthy`: the test runs each compose healthcheck itself until it passes.
  const healthyAfter = await Promise.all(
    services.map(async (service) => {
      await waitHealthy(containers[service]!, 120_000);
      return `${service} ${(Date.now() - started) / 1000} s`;
    }),
  );
  console.log(`compose up: ${upSeconds} s; healthy after: ${healthyAfter.join(', ')}`);
  return containers;
}

beforeAll(async () => {
  await assertImageExists(imageUnderTest());
  ports = { http: await findFreePort(), temporal: await findFreePort(), ui: await findFreePort() };
  const dir = await mkdtemp(path.join(os.tmpdir(), 'hookflow-compose-'));
  envFile = path.join(dir, '.env');
  const env = {
    HOOKFLOW_ADMIN_TOKEN: adminToken,
    HOOKFLOW_ENCRYPTION_KEY: randomBytes(32).toString('base64'),
    HOOKFLOW_IMAGE: imageUnderTest(),
    MONGODB_IMAGE: process.env.MONGODB_IMAGE ?? '',
    TEMPORAL_IMAGE: process.env.TEMPORAL_IMAGE ?? '',
    HOOKFLOW_HTTP_PORT: ports.http,
    HOOKFLOW_PUBLIC_URL: `http://127.0.0.1:${ports.http}`,
    TEMPORAL_GRPC_HOST_PORT: ports.temporal,
    TEMPORAL_UI_HOST_PORT: ports.ui,
    HOOKFLOW_TEMPORAL_UI_URL: `http://127.0.0.1:${ports.ui}`,
    HOOKFLOW_TASK_QUEUE: taskQueue,
    LOG_LEVEL: 'warn',
  };
  await writeFile(
    envFile,
    Object.entries(env)
      .map(([key, value]) => `${key}=${value}\n`)
      .join(''),
  );
  console.log(
    `compose images: ${env.MONGODB_IMAGE || 'mongo:8.0.17'}, ${env.TEMPORAL_IMAGE || 'temporalio/temporal:1.5.1'}`,
  );
  api = new HookflowApi(env.HOOKFLOW_PUBLIC_URL, adminToken);
});

afterAll(async () => {
  if (!envFile) return;
  await compose('down', '--volumes', '--timeout', '5');
  const volumes = await podman(['volume', 'ls', '--quiet', '--filter', `name=${project}`]);
  const left = volumes.stdout.split('\n').filter(Boolean);
  if (left.length > 0) await podman(['volume', 'rm', '--force', ...left]);
  await rm(path.dirname(envFile), { recursive: true, force: true });
});

describe('docker/compose.yml with podman-compose', () => {
  it('starts every service, each passing its compose healthcheck', async () => {
    await upAndHealthy();
    expect((await api.waitReady(60_000)).status).toBe(200);
  });

  it('publishes the ports its variables name and hands the settings to both processes', async () => {
    const temporal = await run(await resolveTemporalCli(() => undefined), [
      'operator',
      'cluster',
      'health',
      `--address=127.0.0.1:${ports.temporal}`,
    ]);
    expect(temporal.stdout).toContain('SERVING');
    // The duplicate window: the namespace keeps runs 30 days (start-dev alone creates 24 h).
    await expect
      .poll(
        async () =>
          (
            await run(await resolveTemporalCli(() => undefined), [
              'operator',
              'namespace',
              'describe',
              `--address=127.0.0.1:${ports.temporal}`,
              '--namespace=default',
            ])
          ).stdout,
        { timeout: 60_000, interval: 1000 },
      )
      .toMatch(/WorkflowExecutionRetentionTtl\s+720h0m0s/);
    expect((await fetch(`http://127.0.0.1:${ports.ui}/`)).status).toBe(200);
    const containers = await containersByService();
    for (const service of ['server', 'worker']) {
      const env = await podmanOk([
        'inspect',
        '--format',
        '{{range .Config.Env}}{{println .}}{{end}}',
        containers[service]!,
      ]);
      expect(env).toContain(`HOOKFLOW_TASK_QUEUE=${taskQueue}`);
    }
  });

  it('runs the seed flow through the published port', async () => {
    seed = await seedFlow(api, 'compose-order');
    expect(seed.webhookUrl).toBe(`http://127.0.0.1:${ports.http}/webhooks/${seed.workflowId}`);
    expect(seed.first.status).toBe(202);
    expect(seed.duplicate).toMatchObject({ status: 200, body: { status: 'duplicate' } });
    expect(seed.execution).toMatchObject({ status: 'completed' });
    expect(seed.execution?.temporalUiUrl).toMatch(new RegExp(`^http://127\\.0\\.0\\.1:${ports.ui}/`));
  });

  it('keeps workflows and executions in its volumes across down and up', async () => {
    const started = Date.now();
    await composeOk('down', '--timeout', '30');
    console.log(`compose down: ${(Date.now() - started) / 1000} s`);
    expect(await containersByService()).toEqual({});
    for (const volume of ['mongodb-data', 'temporal-data']) {
      expect((await podman(['volume', 'exists', `${project}_${volume}`])).code).toBe(0);
    }

    await upAndHealthy();
    await api.waitReady(60_000);
    const workflow = await api.admin('GET', `/workflows/${seed.workflowId}`);
    expect(workflow).toMatchObject({ status: 200, body: { id: seed.workflowId, name: 'compose-order' } });
    const execution = await api.admin('GET', `/executions/${encodeURIComponent(seed.executionId)}`);
    expect(execution).toMatchObject({ status: 200, body: { executionId: seed.executionId, status: 'completed' } });
    // The API key (hashed in MongoDB) still works, and Temporal still knows the delivery.
    const again = await api.webhook(seed.webhookUrl, seed.apiKey, 'order-1001', { orderId: '1001' });
    expect(again).toMatchObject({ status: 200, body: { executionId: seed.executionId, status: 'duplicate' } });
  });
});
