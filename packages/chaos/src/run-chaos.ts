import { randomBytes } from 'node:crypto';
import { now, sleep } from './clock';
import type { Fault, FaultContext, InjectedFault, LoadFault, ScenarioFault } from './faults/fault';
import { checkDeliveries, type DeliveryFigures } from './invariants/check-deliveries';
import { checkDeliveryLog } from './invariants/delivery-log';
import { TemporalRuns } from './invariants/temporal-runs';
import { Violations } from './invariants/violations';
import type { Profile } from './profile';
import { Load } from './senders/load';
import { isSuccess, type Delivery } from './senders/records';
import type { SenderSettings } from './senders/sender';
import { AdminClient, type ApiKey } from './stack/admin-client';
import { Cluster } from './stack/cluster';
import { Infrastructure } from './stack/infrastructure';

/** One row of the table. */
export interface PhaseReport {
  id: string;
  fault: string;
  figures: DeliveryFigures;
  recovery: string;
  violations: Violations;
  notes: string[];
  durationMs: number;
}

export interface ChaosRun {
  startupMs: number;
  databaseKind: string;
  phases: PhaseReport[];
}

/** A sender's patience per attempt: well above every bound a server must keep, so a timeout means a hang. */
const ATTEMPT_TIMEOUT_MS = 10_000;
/** Accepted entries reach the delivery log within this (they are written in batches, or rebuilt from Temporal). */
const DELIVERY_LOG_TIMEOUT_MS = 15_000;
/** One delivery in this many comes without a key, so the server generates one (and a 503 must return it). */
const KEYLESS_EVERY = 5;

/**
 * Starts the stack (Temporal on a SQLite file, the database, two servers, two workers), then runs each fault
 * in turn against a workflow of its own, and checks what the senders saw against Temporal.
 */
export async function runChaos(options: {
  profile: Profile;
  faults: { id: string; fault: Fault }[];
  home: string;
  log: (line: string) => void;
}): Promise<ChaosRun> {
  const { profile, log } = options;
  const startedAt = now();
  const infrastructure = await Infrastructure.start(options.home, log);
  let cluster: Cluster | undefined;
  let temporal: TemporalRuns | undefined;
  try {
    cluster = await Cluster.start(infrastructure, options.home);
    temporal = await TemporalRuns.connect(infrastructure.temporalAddress);
    const admin = cluster.servers.map((server) => new AdminClient(server.baseUrl, cluster!.adminToken));
    const sharedKey = await admin[0]!.createKey(`chaos-senders-${randomBytes(3).toString('hex')}`);
    const senders: SenderSettings = {
      servers: cluster.servers.map((server) => server.baseUrl),
      apiKey: sharedKey.key,
      attemptTimeoutMs: ATTEMPT_TIMEOUT_MS,
      maxRetryDelayMs: profile.maxRetryDelayMs,
    };
    const startupMs = now() - startedAt;
    log(`stack ready in ${(startupMs / 1000).toFixed(1)} s (database: ${infrastructure.databaseKind})`);

    const phases: PhaseReport[] = [];
    for (const { id, fault } of options.faults) {
      const ctx: FaultContext = { infrastructure, cluster, profile, admin, log: (line) => log(`[${id}] ${line}`) };
      const phaseStart = now();
      const exitsBefore = cluster.unexpectedExits.length;
      const violations = new Violations();
      log(`[${id}] ${fault.name}`);
      const outcome =
        fault.kind === 'load'
          ? await runLoadFault(fault, ctx, { sharedKey, senders, temporal, violations })
          : await runScenario(fault, ctx, { sharedKey, senders, temporal, violations });
      for (const exit of cluster.unexpectedExits.slice(exitsBefore)) {
        // A graceful shutdown the harness did not ask for came from outside (another program's signal): the
        // run was disturbed and proves nothing, which is also a failure, but not a crash of Hookflow's.
        const signalled =
          exit.code === 0 && exit.lastLines.some((line) => /"msg":"(shutting down|worker stopped)"/.test(line));
        violations.add(
          signalled
            ? 'a process was stopped by a signal from outside the harness (run disturbed)'
            : 'a process exited unexpectedly (crash)',
          `${exit.process} exit ${String(exit.code)}: ${exit.lastLines.slice(-3).join(' | ').slice(0, 400)}`,
        );
      }
      // The next fault starts from a healthy stack; one that cannot get there is this fault's failure.
      if (!(await waitForHealthy(cluster, profile.recoveryTimeoutMs))) {
        violations.add('stack not ready again after the fault', 'a server /readyz or a worker did not come back');
      }
      const report: PhaseReport = {
        id,
        fault: fault.name,
        ...outcome,
        violations,
        durationMs: now() - phaseStart,
      };
      log(
        `[${id}] done in ${(report.durationMs / 1000).toFixed(1)} s: ${report.figures.requests} requests, ` +
          `${violations.total} violations`,
      );
      phases.push(report);
    }
    return { startupMs, databaseKind: infrastructure.databaseKind, phases };
  } finally {
    await temporal?.close().catch(() => undefined);
    await cluster?.close().catch(() => undefined);
    await infrastructure.stop().catch(() => undefined);
  }
}

interface PhaseDeps {
  sharedKey: ApiKey;
  senders: SenderSettings;
  temporal: TemporalRuns;
  violations: Violations;
}

type PhaseOutcome = Pick<PhaseReport, 'figures' | 'recovery' | 'notes'>;

async function runLoadFault(fault: LoadFault, ctx: FaultContext, deps: PhaseDeps): Promise<PhaseOutcome> {
  const { profile } = ctx;
  const workflowId = await ctx.admin[0]!.createWorkflow(
    `chaos-${slug(fault.name)}-${randomBytes(3).toString('hex')}`,
    deps.sharedKey.name,
  );
  const load = new Load(
    {
      label: slug(fault.name),
      workflowId,
      senders: profile.senders,
      thinkMs: profile.thinkMs,
      drainMs: profile.drainMs,
      keylessEvery: KEYLESS_EVERY,
    },
    deps.senders,
  );
  load.start();
  await sleep(profile.warmupMs);
  let injected: InjectedFault;
  try {
    injected = await fault.inject(ctx);
  } catch (error) {
    deps.violations.add('the fault could not be injected or healed', String(error));
    injected = { healedAt: now() };
  }
  const recoveryMs = await waitForRecovery(load.deliveries, injected.healedAt, ctx.cluster.servers.length, profile);
  if (recoveryMs === undefined) {
    deps.violations.add(
      'no recovery without a restart',
      `not every server accepted again within ${profile.recoveryTimeoutMs / 1000} s after the fault ended`,
    );
  }
  await sleep(profile.afterMs);
  await load.stop();

  const runs = await deps.temporal.waitUntilClosed(
    workflowId,
    successfulExecutions(load.deliveries),
    profile.completionTimeoutMs,
  );
  const figures = checkDeliveries(load.deliveries, runs, { requireSuccess: true, ...injected }, deps.violations);
  await checkDeliveryLog(ctx.admin[0]!, workflowId, load.deliveries, DELIVERY_LOG_TIMEOUT_MS, deps.violations);
  const note = typeof injected.note === 'function' ? injected.note(load.deliveries) : injected.note;
  return {
    figures,
    recovery: recoveryMs === undefined ? 'none' : `${(recoveryMs / 1000).toFixed(1)} s`,
    notes: note ? [note] : [],
  };
}

async function runScenario(fault: ScenarioFault, ctx: FaultContext, deps: PhaseDeps): Promise<PhaseOutcome> {
  const result = await fault.run(
    {
      ...ctx,
      sharedKey: deps.sharedKey,
      senders: deps.senders,
      listRuns: (workflowId, expected) =>
        deps.temporal.waitUntilClosed(workflowId, expected, ctx.profile.completionTimeoutMs),
    },
    deps.violations,
  );
  const figures = checkDeliveries(result.deliveries, result.runs, { allowRefusals: true }, deps.violations);
  return { figures, recovery: result.recovery, notes: result.note ? [result.note] : [] };
}

/**
 * Time from the end of the fault until every server has accepted a delivery sent after it, read from the
 * senders' records; undefined when that did not happen within the profile's bound.
 */
async function waitForRecovery(
  deliveries: readonly Delivery[],
  healedAt: number,
  servers: number,
  profile: Profile,
): Promise<number | undefined> {
  const deadline = healedAt + profile.recoveryTimeoutMs;
  for (;;) {
    const firstSuccess = new Map<number, number>();
    for (const delivery of deliveries) {
      for (const attempt of delivery.attempts) {
        if (attempt.sentAt < healedAt || !isSuccess(attempt.status)) continue;
        const seen = firstSuccess.get(attempt.server);
        if (seen === undefined || attempt.answeredAt < seen) firstSuccess.set(attempt.server, attempt.answeredAt);
      }
    }
    if (firstSuccess.size === servers) return Math.max(...firstSuccess.values()) - healedAt;
    if (now() > deadline) return undefined;
    await sleep(100);
  }
}

async function waitForHealthy(cluster: Cluster, timeoutMs: number): Promise<boolean> {
  const deadline = now() + timeoutMs;
  while (now() < deadline) {
    const processes = [...cluster.servers.map((server) => server.process), ...cluster.workers];
    const ready = await Promise.all(
      cluster.servers.map(async (server) => {
        const response = await fetch(`${server.baseUrl}/readyz`, { signal: AbortSignal.timeout(3_000) }).catch(
          () => undefined,
        );
        return response?.status === 200;
      }),
    );
    if (processes.every((process) => process.running) && ready.every(Boolean)) return true;
    await sleep(250);
  }
  return false;
}

function successfulExecutions(deliveries: readonly Delivery[]): Set<string> {
  const ids = new Set<string>();
  for (const delivery of deliveries) {
    const success = delivery.attempts.find((attempt) => isSuccess(attempt.status));
    if (success?.executionId) ids.add(success.executionId);
  }
  return ids;
}

function slug(name: string): string {
  return name
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
}
