import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import { performance } from 'node:perf_hooks';
import path from 'node:path';
import { findFreePort } from '@hookflow/dev-stack';
import { createTemporalClient } from '@hookflow/engine';
import { WORKFLOW_BUNDLE_PATH } from '@hookflow/engine/worker-host';
import { AdminApi } from './admin-api';
import { runStartLoop } from './bare-start';
import { CpuMeter, type CpuShare } from './cpu';
import { runEndToEnd } from './end-to-end';
import { describeEnvironment } from './environment';
import { removeBenchData } from './external-cleanup';
import { profileHistories, roundTripShapeOf } from './history';
import { runLimitEndToEnd, waitForWorkflowPoller } from './limit/limit-end-to-end';
import { runLoad, type LoadOptions } from './load';
import { pacedLoadResult, sendPaced } from './paced-sender';
import {
  memoryOf,
  onStop,
  startBenchStack,
  startNodeProcess,
  stopAll,
  waitForHttp,
  type NodeProcess,
} from './processes';
import { profileFiles, summarizeProfile } from './profile';
import { workerConcernOf } from './worker-profile';
import { printReport } from './report';
import { withDerivedFigures, writeResults, type ProcessMemory } from './results';
import { WEBHOOK_BODY } from './scenario';
import { benchSettings } from './settings';
import { runSustained } from './sustained';

const REPO_ROOT = path.resolve(__dirname, '..', '..');
/** Before a memory reading: the load's last answers and timers settle. */
const QUIET_MS = 3000;
const IDLE_MS = 5000;
/** Kept after a failure, for its logs. */
let home: string | undefined;

/**
 * `npm run bench`: the stack (Temporal on its SQLite file, as `npm run dev`), the production server and one
 * worker as separate processes. First the phases where runs complete, with the worker running: end to end,
 * Temporal's own limit end to end, a sustained paced load. Then, worker stopped, acceptance (paced and
 * saturated) against Temporal's own start rate, and a CPU profile of the server's accept path. Prints the
 * figures and the goals, and writes `bench/results.json`.
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

  // Task queues of this run alone: phases count their runs by queue, and an external Temporal is cleaned by it.
  const tag = `${Date.now().toString(36)}`;
  const taskQueue = `hookflow-bench-${tag}`;
  const limitQueue = `hookflow-bench-limit-${tag}`;
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
    HOOKFLOW_TASK_QUEUE: taskQueue,
    // The per-key limit would cap the very thing measured.
    HOOKFLOW_WEBHOOK_RATE_LIMIT: '0',
    LOG_LEVEL: settings.logLevel,
  };
  const serverEntry = require.resolve('@hookflow/server/main');
  const startServer = (nodeArgs: string[] = []) =>
    startNodeProcess({ name: 'server', entry: serverEntry, env, logDir, nodeArgs });
  let server: NodeProcess = startServer();
  const workerEntry = require.resolve('@hookflow/engine/worker');
  const startWorker = (nodeArgs: string[] = []) =>
    startNodeProcess({ name: 'worker', entry: workerEntry, env, logDir, nodeArgs });
  let worker: NodeProcess = startWorker();
  await waitForHttp(`${baseUrl}/readyz`, server);
  await waitForWorkflowPoller(temporal.client, namespace, taskQueue);
  const started = performance.now();
  let sequence = 0;
  const pids: Record<string, number> = { server: server.pid, worker: worker.pid };
  const cpuMeter = new CpuMeter(() => pids);
  const cpu: Record<string, CpuShare> = {};
  const cpuWindowSeconds: Record<string, number> = {};
  /** Runs one phase, noting the cores each process used meanwhile under `key` (unless it is a warm-up). */
  const phase = async <T>(key: string | undefined, title: string, run: () => Promise<T>): Promise<T> => {
    sequence++;
    console.log(`• [${Math.round((performance.now() - started) / 1000)} s] ${title}`);
    const before = cpuMeter.snapshot();
    const result = await run();
    const after = cpuMeter.snapshot();
    if (key) {
      cpu[key] = CpuMeter.between(before, after);
      cpuWindowSeconds[key] = Math.round(after.at - before.at) / 1000;
    }
    return result;
  };
  // What every process burns doing nothing: in a phase stretched by outside load, it adds up per run.
  await phase('idle', `idle: ${IDLE_MS / 1000} s without a request`, () => pause(IDLE_MS));
  const idleMemory: ProcessMemory = { server: memoryOf(server.pid), worker: memoryOf(worker.pid) };

  // Started now so its start-up falls in the warm-up, which is not measured.
  const limitWorker = startNodeProcess({
    name: 'limit-worker',
    entry: require.resolve('./limit/limit-worker'),
    env: { ...env, BENCH_LIMIT_TASK_QUEUE: limitQueue },
    logDir,
  });
  pids['limit-worker'] = limitWorker.pid;

  const admin = new AdminApi(baseUrl, adminToken);
  const keyName = `bench-${tag}`;
  const apiKey = await admin.createApiKey(keyName);
  const flows = {
    warm: await admin.createWorkflow(`bench-warm-${tag}`, keyName),
    e2e: await admin.createWorkflow(`bench-e2e-${tag}`, keyName),
    sustained: await admin.createWorkflow(`bench-sustained-${tag}`, keyName),
    accept: await admin.createWorkflow(`bench-accept-${tag}`, keyName),
  };
  const workflowRef = { id: flows.accept.id, name: `bench-accept-${tag}`, version: 1 };

  const headers = { 'content-type': 'application/json', 'x-api-key': apiKey.key };
  const load = (workflowId: string, phase: string): Omit<LoadOptions, 'connections' | 'durationMs'> => ({
    url: `${baseUrl}/webhooks/${workflowId}`,
    headers,
    body: WEBHOOK_BODY,
    // A distinct delivery key per request: every request must start a run, none may be a duplicate.
    requestHeaders: (n) => ({ 'idempotency-key': `${phase}-${sequence}-${n}` }),
  });
  // Generous (4 runs/s): a timeout fails the whole bench, and on a busy shared machine runs crawl.
  const endToEndTimeoutMs = (runs: number) => 120_000 + runs * 250;
  const endToEnd = (flowId: string, name: string, runs: number) =>
    runEndToEnd(
      { ...load(flowId, name), connections: settings.connections, durationMs: endToEndTimeoutMs(runs) },
      runs,
      temporal.client,
      flowId,
      endToEndTimeoutMs(runs),
    );

  // Warm-up (not reported): JIT, caches, connections, and proof that the worker runs all three nodes.
  await phase(undefined, `warm-up: ${settings.warmUpRuns} runs end to end`, async () => {
    await endToEnd(flows.warm.id, 'warm', settings.warmUpRuns);
    const sample = await admin.getExecution(`${flows.warm.id}:warm-${sequence}-0`);
    const states = Object.values(sample.nodes).map((node) => node.status);
    if (sample.status !== 'completed' || states.length !== 3 || states.some((status) => status !== 'succeeded')) {
      throw new Error(`the warm-up run did not execute all three nodes: ${JSON.stringify(sample)}`);
    }
  });

  const e2e = await phase('endToEnd', `end to end: ${settings.endToEndRuns} runs`, () =>
    endToEnd(flows.e2e.id, 'e2e', settings.endToEndRuns),
  );
  // Whatever the engine does per run (tasks, local activities): the limit workflow repeats it.
  const graphHistory = await profileHistories(
    temporal.client,
    `HookflowWorkflowId = '${flows.e2e.id}'`,
    settings.historySample,
  );
  const shape = settings.limitShape ?? roundTripShapeOf(graphHistory);

  await waitForWorkflowPoller(temporal.client, namespace, limitQueue);
  const limitEndToEnd = await phase(
    'limitEndToEnd',
    `Temporal limit, end to end: ${settings.limitRuns} bare runs of ${shape.workflowTasks} workflow tasks, ` +
      `${shape.activityTasks} activity tasks, ${shape.localActivities} local activities`,
    () =>
      runLimitEndToEnd({
        client: temporal.client,
        taskQueue: limitQueue,
        shape,
        runs: settings.limitRuns,
        concurrency: settings.connections,
        idPrefix: `bench-limit-${tag}`,
        timeoutMs: endToEndTimeoutMs(settings.limitRuns),
      }),
  );
  const limitHistory = await profileHistories(temporal.client, `TaskQueue = '${limitQueue}'`, settings.historySample);
  await limitWorker.stop();

  const sustained = await phase(
    'sustained',
    `sustained: ${settings.sustainedRate} webhooks/s evenly spaced for ${settings.sustainedSeconds} s`,
    () =>
      runSustained({
        send: {
          url: `${baseUrl}/webhooks/${flows.sustained.id}`,
          headers,
          body: WEBHOOK_BODY,
          ratePerSecond: settings.sustainedRate,
          durationMs: settings.sustainedSeconds * 1000,
          maxSockets: settings.rateConnections,
        },
        deliveryKeyOf: (n) => `sustained-${n}`,
        client: temporal.client,
        workflowId: flows.sustained.id,
        drainTimeoutMs: settings.sustainedDrainSeconds * 1000,
      }),
  );
  await quiet();
  const workerAfter = memoryOf(worker.pid);

  await worker.stop();

  let workerProfile;
  const profileFlowIds: string[] = [];
  if (settings.profile) {
    // Where a run's worker CPU goes, thread by thread: the worker again under --cpu-prof, runs end to end.
    const profileDir = path.join(home, 'worker-profile');
    worker = startWorker(['--cpu-prof', '--cpu-prof-dir', profileDir]);
    pids.worker = worker.pid;
    // Workflows of their own: a phase waits until as many runs of its workflow are closed as it sent.
    const profileFlows = {
      warm: await admin.createWorkflow(`bench-wprof-warm-${tag}`, keyName),
      runs: await admin.createWorkflow(`bench-wprof-${tag}`, keyName),
    };
    profileFlowIds.push(profileFlows.warm.id, profileFlows.runs.id);
    await endToEnd(profileFlows.warm.id, 'wpwarm', 100);
    const from = process.hrtime.bigint() / 1000n;
    const runs = settings.workerProfileRuns;
    const profiled = await phase('workerProfiled', `profile: worker under --cpu-prof, ${runs} runs end to end`, () =>
      endToEnd(profileFlows.runs.id, 'wprof', runs),
    );
    const to = process.hrtime.bigint() / 1000n;
    await worker.stop(); // --cpu-prof writes each thread's profile as it exits
    const concernOf = workerConcernOf([WORKFLOW_BUNDLE_PATH]);
    const [main, ...workflowThreads] = profileFiles(profileDir).map((file) =>
      summarizeProfile(file, Number(from), Number(to), concernOf),
    );
    workerProfile = { runs: profiled.completed, runsPerSecond: profiled.runsPerSecond, main, workflowThreads };
  }
  // The last phase where runs complete is done. Acceptance phases start runs faster than one worker on this
  // machine completes them: a running worker would work through that backlog during every later phase and
  // take CPU from the very thing measured. Their runs stay queued in Temporal.

  const rates = [];
  for (const rate of settings.rates) {
    rates.push(
      await phase(
        `paced${rate}`,
        `acceptance at ${rate} req/s, evenly spaced, for ${settings.rateSeconds} s`,
        async () => {
          const options = { ratePerSecond: rate, maxSockets: settings.rateConnections };
          const paced = load(flows.accept.id, `rate${rate}`);
          const run = await sendPaced({ ...paced, ...options, durationMs: settings.rateSeconds * 1000 });
          return pacedLoadResult(run, options);
        },
      ),
    );
  }

  const saturate = (workflowId: string, name: string, seconds: number) =>
    runLoad({ ...load(workflowId, name), connections: settings.connections, durationMs: seconds * 1000 });
  // The limit is measured on both sides of saturation, so a drift of Temporal over time cannot favour one side.
  const loopOf = (variant: 'startRun' | 'bare') => ({
    client: temporal.client,
    taskQueue,
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
    () => saturate(flows.accept.id, 'sat', settings.saturationSeconds),
  );
  const startRunLoop = await phase(
    'limitStartRun',
    `limit: engine startRun loop, ${settings.connections} at once, ${settings.saturationSeconds} s`,
    () => runStartLoop(loopOf('startRun')),
  );
  await quiet();
  const afterMemory: ProcessMemory = { server: memoryOf(server.pid), worker: workerAfter };

  const cleanUp = () =>
    removeBenchData({
      ...(stack.temporalKind === 'external' ? { temporal: { connection: temporal.connection, namespace } } : {}),
      ...(stack.databaseKind === 'external' ? { admin } : {}),
      taskQueues: [taskQueue, limitQueue],
      workflowIds: [...Object.values(flows).map((flow) => flow.id), ...profileFlowIds],
      apiKeyId: apiKey.id,
      jobId: `hookflow-bench-${tag}`,
    });

  let profile;
  if (settings.profile) {
    const profileDir = path.join(home, 'profile');
    await server.stop();
    server = startServer(['--cpu-prof', '--cpu-prof-dir', profileDir]);
    pids.server = server.pid;
    await waitForHttp(`${baseUrl}/readyz`, server);
    await saturate(flows.accept.id, 'pwarm', 2);
    const from = process.hrtime.bigint() / 1000n;
    const profiled = await phase('profiled', `profile: server under --cpu-prof, ${settings.profileSeconds} s`, () =>
      saturate(flows.accept.id, 'prof', settings.profileSeconds),
    );
    const to = process.hrtime.bigint() / 1000n;
    await cleanUp();
    await server.stop(); // --cpu-prof writes the profile at exit
    const [main] = profileFiles(profileDir);
    profile = { throughput: profiled.throughput, ...summarizeProfile(main!, Number(from), Number(to)) };
  } else {
    await cleanUp();
  }
  console.log(`• [${Math.round((performance.now() - started) / 1000)} s] done`);

  const results = withDerivedFigures({
    environment,
    settings,
    endToEnd: e2e,
    limitEndToEnd,
    history: { benchGraph: graphHistory, limit: limitHistory },
    sustained,
    acceptance: { rates, saturation },
    limit: { startRun: startRunLoop, bare: bareLoop },
    memoryMiB: { idle: idleMemory, after: afterMemory },
    cpuCores: cpu,
    cpuWindowSeconds,
    ...(profile ? { profile } : {}),
    ...(workerProfile ? { workerProfile } : {}),
  });
  printReport(results);
  await writeResults(path.join(REPO_ROOT, 'bench', 'results.json'), results);
  await stopAll();
  if (settings.keep) console.log(`Kept ${home}`);
  else await rm(home, { recursive: true, force: true });
}

function pause(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

function quiet(): Promise<void> {
  return pause(QUIET_MS);
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
