import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import { performance } from 'node:perf_hooks';
import path from 'node:path';
import { findFreePort } from '@hookflow/dev-stack';
import { createTemporalClient } from '@hookflow/engine';
import { AdminApi } from './admin-api';
import { runStartLoop } from './bare-start';
import { describeEnvironment } from './environment';
import { removeBenchData } from './external-cleanup';
import { runEndToEnd } from './end-to-end';
import { runLoad, type LoadOptions } from './load';
import { CpuMeter, type CpuShare } from './cpu';
import {
  memoryOf,
  onStop,
  startBenchStack,
  startNodeProcess,
  stopAll,
  waitForHttp,
  type NodeProcess,
} from './processes';
import { summarizeProfile } from './profile';
import { printReport } from './report';
import { withDerivedFigures, writeResults } from './results';
import { WEBHOOK_BODY } from './scenario';
import { benchSettings } from './settings';

const REPO_ROOT = path.resolve(__dirname, '..', '..');
const TASK_QUEUE = 'hookflow-bench';
/** Kept after a failure, for its logs. */
let home: string | undefined;

/**
 * `npm run bench`: the stack, the production server and one worker as separate processes, then acceptance
 * (paced and saturated), Temporal's own start rate from one process, runs completed end to end, memory, and
 * a CPU profile of the server's accept path. Prints a table and writes `bench/results.json`.
 */
async function main(): Promise<void> {
  const settings = benchSettings();
  const environment = describeEnvironment(REPO_ROOT);
  home = await mkdtemp(path.join(os.tmpdir(), 'hookflow-bench-'));
  const logDir = path.join(home, 'logs');
  console.log(`Hookflow bench (logs in ${logDir})`);

  const stack = await startBenchStack(home);
  const namespace = stack.temporalKind === 'external' ? (process.env.TEMPORAL_NAMESPACE ?? 'default') : 'default';
  const temporal = createTemporalClient({ temporalAddress: stack.temporalAddress, temporalNamespace: namespace });
  onStop('temporal client', () => temporal.connection.close());

  const port = await findFreePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  const adminToken = randomBytes(24).toString('hex');
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    HOOKFLOW_PORT: String(port),
    HOOKFLOW_PUBLIC_URL: baseUrl,
    HOOKFLOW_ADMIN_TOKEN: adminToken,
    // An external database (MONGODB_URI set) is used as given; the bench's names are unique per run.
    MONGODB_URI: process.env.MONGODB_URI ?? `${stack.mongodbUri}/bench`,
    TEMPORAL_ADDRESS: stack.temporalAddress,
    TEMPORAL_NAMESPACE: namespace,
    HOOKFLOW_TASK_QUEUE: TASK_QUEUE,
    // The per-key limit would cap the very thing measured.
    HOOKFLOW_WEBHOOK_RATE_LIMIT: '0',
    LOG_LEVEL: settings.logLevel,
  };
  const serverEntry = require.resolve('@hookflow/server/main');
  const startServer = (nodeArgs: string[] = []) =>
    startNodeProcess({ name: 'server', entry: serverEntry, env, logDir, nodeArgs });
  let server: NodeProcess = startServer();
  const worker = startNodeProcess({ name: 'worker', entry: require.resolve('@hookflow/engine/worker'), env, logDir });
  await waitForHttp(`${baseUrl}/readyz`, server);

  const admin = new AdminApi(baseUrl, adminToken);
  const tag = `${Date.now().toString(36)}`;
  const keyName = `bench-${tag}`;
  const apiKey = await admin.createApiKey(keyName);
  const acceptFlow = await admin.createWorkflow(`bench-accept-${tag}`, keyName);
  const e2eFlow = await admin.createWorkflow(`bench-e2e-${tag}`, keyName);
  const workflowRef = { id: acceptFlow.id, name: `bench-accept-${tag}`, version: 1 };

  let sequence = 0;
  const load = (workflowId: string, phase: string): Omit<LoadOptions, 'connections' | 'durationMs'> => ({
    url: `${baseUrl}/webhooks/${workflowId}`,
    headers: { 'content-type': 'application/json', 'x-api-key': apiKey.key },
    body: WEBHOOK_BODY,
    // A distinct delivery key per request: every request must start a run, none may be a duplicate.
    requestHeaders: (n) => ({ 'idempotency-key': `${phase}-${sequence}-${n}` }),
  });
  const started = performance.now();
  const cpuMeter = new CpuMeter(() => ({ server: server.pid, worker: worker.pid }));
  const cpu: Record<string, CpuShare> = {};
  /** Runs one phase, noting the cores each process used meanwhile under `key` (unless it is a warm-up). */
  const phase = async <T>(key: string | undefined, title: string, run: () => Promise<T>): Promise<T> => {
    sequence++;
    console.log(`• [${Math.round((performance.now() - started) / 1000)} s] ${title}`);
    const before = cpuMeter.snapshot();
    const result = await run();
    if (key) cpu[key] = CpuMeter.between(before, cpuMeter.snapshot());
    return result;
  };

  const saturate = (workflowId: string, name: string, seconds: number) =>
    runLoad({ ...load(workflowId, name), connections: settings.connections, durationMs: seconds * 1000 });

  // Warm-up (not reported): JIT, caches, connections, and proof that the worker runs all three nodes.
  await phase(undefined, 'warm-up: 200 runs end to end', async () => {
    await runEndToEnd(
      { ...load(acceptFlow.id, 'warm'), connections: settings.connections, durationMs: 60_000 },
      200,
      temporal.client,
      acceptFlow.id,
      60_000,
    );
    const sample = await admin.getExecution(`${acceptFlow.id}:warm-${sequence}-0`);
    const states = Object.values(sample.nodes).map((node) => node.status);
    if (sample.status !== 'completed' || states.length !== 3 || states.some((status) => status !== 'succeeded')) {
      throw new Error(`the warm-up run did not execute all three nodes: ${JSON.stringify(sample)}`);
    }
  });

  // While the worker is idle: it runs slower than Temporal accepts, so any earlier phase would leave it a backlog.
  const endToEnd = await phase('endToEnd', `end to end: ${settings.endToEndRuns} runs`, () =>
    runEndToEnd(
      { ...load(e2eFlow.id, 'e2e'), connections: settings.connections, durationMs: 120_000 },
      settings.endToEndRuns,
      temporal.client,
      e2eFlow.id,
      180_000,
    ),
  );

  // The worker has shown what it does; from here on it would only compete for this machine's 2 cores with the
  // very thing measured (in production, Temporal and the workers run elsewhere). Its runs wait in Temporal.
  const workerMemory = memoryOf(worker.pid);
  await worker.stop();

  const rates = [];
  for (const rate of settings.rates) {
    rates.push(
      await phase(`paced${rate}`, `acceptance at ${rate} req/s for ${settings.rateSeconds} s`, () =>
        runLoad({
          ...load(acceptFlow.id, `rate${rate}`),
          connections: settings.rateConnections,
          durationMs: settings.rateSeconds * 1000,
          ratePerSecond: rate,
        }),
      ),
    );
  }

  // The limit is measured on both sides of saturation, so a drift of Temporal over time cannot favour one side.
  const loopOf = (variant: 'startRun' | 'bare') => ({
    client: temporal.client,
    taskQueue: TASK_QUEUE,
    workflow: workflowRef,
    variant,
    concurrency: settings.connections,
    durationMs: settings.saturationSeconds * 1000,
    keyPrefix: `${variant}-${sequence}`,
  });
  const bareLoop = await phase(
    'limitBare',
    `limit: bare client.workflow.start loop, ${settings.connections} at once, ${settings.saturationSeconds} s`,
    () => runStartLoop(loopOf('bare')),
  );
  const saturation = await phase(
    'saturation',
    `acceptance at saturation: ${settings.connections} connections for ${settings.saturationSeconds} s`,
    () => saturate(acceptFlow.id, 'sat', settings.saturationSeconds),
  );
  const startRunLoop = await phase(
    'limitStartRun',
    `limit: engine startRun loop, ${settings.connections} at once, ${settings.saturationSeconds} s`,
    () => runStartLoop(loopOf('startRun')),
  );
  const memory = { server: memoryOf(server.pid), worker: workerMemory };

  const cleanUp = () =>
    removeBenchData({
      ...(stack.temporalKind === 'external' ? { temporal: { connection: temporal.connection, namespace } } : {}),
      ...(stack.databaseKind === 'external' ? { admin } : {}),
      workflowIds: [acceptFlow.id, e2eFlow.id],
      apiKeyId: apiKey.id,
      jobId: `hookflow-bench-${tag}`,
    });

  let profile;
  if (settings.profile) {
    const profileDir = path.join(home, 'profile');
    await server.stop();
    server = startServer(['--cpu-prof', '--cpu-prof-dir', profileDir]);
    await waitForHttp(`${baseUrl}/readyz`, server);
    await saturate(acceptFlow.id, 'pwarm', 2);
    const from = process.hrtime.bigint() / 1000n;
    const profiled = await phase('profiled', `profile: server under --cpu-prof, ${settings.profileSeconds} s`, () =>
      saturate(acceptFlow.id, 'prof', settings.profileSeconds),
    );
    const to = process.hrtime.bigint() / 1000n;
    await cleanUp();
    await server.stop(); // --cpu-prof writes the profile at exit
    profile = { throughput: profiled.throughput, ...summarizeProfile(profileDir, Number(from), Number(to)) };
  } else {
    await cleanUp();
  }
  console.log(`• [${Math.round((performance.now() - started) / 1000)} s] done`);

  const results = withDerivedFigures({
    environment,
    settings,
    acceptance: { rates, saturation },
    limit: { startRun: startRunLoop, bare: bareLoop },
    endToEnd,
    memoryMiB: memory,
    cpuCores: cpu,
    ...(profile ? { profile } : {}),
  });
  printReport(results);
  await writeResults(path.join(REPO_ROOT, 'bench', 'results.json'), results);
  await stopAll();
  if (settings.keep) console.log(`Kept ${home}`);
  else await rm(home, { recursive: true, force: true });
}

let stopping = false;
/** Stops everything the bench started, also on Ctrl-C; the logs are kept for a failed run. */
async function fail(reason: unknown, exitCode = 1): Promise<void> {
  if (stopping) return;
  stopping = true;
  const text = reason instanceof Error ? (reason.stack ?? reason.message) : JSON.stringify(reason);
  console.error(`bench failed: ${text}`);
  await stopAll();
  if (home) console.error(`Service logs kept in ${home}/logs`);
  process.exit(exitCode);
}
process.once('SIGINT', () => void fail('interrupted', 130));
process.once('SIGTERM', () => void fail('terminated', 143));
main().then(
  () => process.exit(0),
  (error: unknown) => fail(error),
);
