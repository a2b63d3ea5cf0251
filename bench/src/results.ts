import { writeFile } from 'node:fs/promises';
import os from 'node:os';
import type { StartLoopResult } from './bare-start';
import type { CpuShare } from './cpu';
import type { EndToEndResult } from './end-to-end';
import type { Environment } from './environment';
import { evaluateGoals, type Goal } from './goals';
import type { HistoryProfile } from './history';
import type { LimitEndToEndResult } from './limit/limit-end-to-end';
import type { LoadResult } from './load';
import type { ProfileSummary } from './profile';
import type { BenchSettings } from './settings';
import type { SustainedResult } from './sustained';

export type Memory = { rssMiB: number; peakRssMiB: number } | null;
export interface ProcessMemory {
  server: Memory;
  worker: Memory;
}

export interface BenchResults {
  finishedAt: string;
  environment: Environment & { loadAvgAtEnd: number[] };
  settings: BenchSettings;
  /** Each goal of the performance issue with its figure, ratio and whether it was met. */
  goals: Goal[];
  endToEnd: EndToEndResult;
  /** Bare workflows with the bench graph's round trips: what Temporal and one worker can do at most. */
  limitEndToEnd: LimitEndToEndResult;
  /** Per run of the bench graph (sampled from the end-to-end phase) and of the limit's bare workflow. */
  history: { benchGraph: HistoryProfile; limit: HistoryProfile };
  sustained: SustainedResult;
  acceptance: { rates: LoadResult[]; saturation: LoadResult };
  limit: { startRun: StartLoopResult; bare: StartLoopResult };
  ratio: {
    /** End-to-end runs per second ÷ the limit's: how much of Temporal's end-to-end rate the engine gets. */
    endToEndOverLimit: number;
    /** Saturated acceptance ÷ the start loops' throughput: how close HTTP acceptance comes to Temporal's limit. */
    acceptanceOverBareStart: number;
    acceptanceOverStartRun: number;
    /** The same over each phase's best 5 s: less sensitive to load from elsewhere than the means. */
    peakAcceptanceOverPeakBareStart: number;
    /**
     * CPU per bare start ÷ CPU per accepted request, each summed over the processes on the path: the
     * throughput ratio to expect when the machine's CPU is the bottleneck and nothing else runs on it. Barely
     * moved by load the bench did not start, unlike the throughput ratios.
     */
    cpuCostBareOverAccept: number;
  };
  /** RSS at idle (after start-up, before any request) and after the bench (the last runs done, then quiet). */
  memoryMiB: {
    idle: ProcessMemory;
    after: ProcessMemory;
    afterOverIdle: { server: number | null; worker: number | null };
  };
  /** Cores each process used per phase; `other` is load the bench did not start. */
  cpuCores: Record<string, CpuShare>;
  /** Length of each phase's CPU window, in seconds. */
  cpuWindowSeconds: Record<string, number>;
  /**
   * CPU milliseconds each process spent per completed run; `all` sums the processes a deployment runs
   * (server, worker, Temporal, database — the limit worker in the limit phase), not the bench or `other`.
   */
  cpuMsPerRun: Record<'endToEnd' | 'limitEndToEnd' | 'sustained', CpuShare | undefined>;
  /** CPU milliseconds each process spent per accepted request (saturation) or per start (the loops). */
  cpuMsPerStart: Record<string, CpuShare>;
  profile?: ProfileSummary & { throughput: number };
  /** The worker under `--cpu-prof` over runs end to end: its main thread, then its workflow thread(s). */
  workerProfile?: { runs: number; runsPerSecond: number; main?: ProfileSummary; workflowThreads: ProfileSummary[] };
}

export type Measured = Omit<
  BenchResults,
  'finishedAt' | 'environment' | 'ratio' | 'cpuMsPerStart' | 'cpuMsPerRun' | 'goals' | 'memoryMiB'
> & {
  environment: Environment;
  memoryMiB: { idle: ProcessMemory; after: ProcessMemory };
};

/** The processes a deployment runs; their sum is the "all processes" CPU per run. */
const DEPLOYED = ['server', 'worker', 'limit-worker', 'temporal', 'database'];

/** Adds the derived figures: CPU per run and per start, the ratios, and the goals. */
export function withDerivedFigures(measured: Measured): BenchResults {
  const { acceptance, limit, cpuCores, cpuWindowSeconds } = measured;
  const cpuMsPerStart = {
    saturation: perOperation(cpuCores.saturation, acceptance.saturation.throughput),
    limitBare: perOperation(cpuCores.limitBare, limit.bare.throughput),
    limitStartRun: perOperation(cpuCores.limitStartRun, limit.startRun.throughput),
  };
  const perRun = (phase: string, runs: number) => {
    const share = cpuCores[phase];
    const seconds = cpuWindowSeconds[phase];
    if (!share || !seconds || runs <= 0) return undefined;
    const ms = perOperation(share, runs / seconds);
    ms.all = round2(DEPLOYED.reduce((sum, name) => sum + (ms[name] ?? 0), 0));
    return ms;
  };
  const { idle, after } = measured.memoryMiB;
  const grown = (a: Memory, b: Memory) => (a && b ? ratio(a.rssMiB, b.rssMiB) : null);
  const derived: Omit<BenchResults, 'goals'> = {
    finishedAt: new Date().toISOString(),
    environment: { ...measured.environment, loadAvgAtEnd: os.loadavg().map((load) => Math.round(load * 100) / 100) },
    settings: measured.settings,
    endToEnd: measured.endToEnd,
    limitEndToEnd: measured.limitEndToEnd,
    history: measured.history,
    sustained: measured.sustained,
    acceptance,
    limit,
    ratio: {
      endToEndOverLimit: ratio(measured.endToEnd.runsPerSecond, measured.limitEndToEnd.runsPerSecond),
      acceptanceOverBareStart: ratio(acceptance.saturation.throughput, limit.bare.throughput),
      acceptanceOverStartRun: ratio(acceptance.saturation.throughput, limit.startRun.throughput),
      peakAcceptanceOverPeakBareStart: ratio(acceptance.saturation.peakThroughput, limit.bare.peakThroughput),
      cpuCostBareOverAccept: ratio(
        pathCost(cpuMsPerStart.limitBare, ['other']),
        // The load generator stands for the senders, which are not on this machine in production.
        pathCost(cpuMsPerStart.saturation, ['other', 'bench']),
      ),
    },
    memoryMiB: {
      idle,
      after,
      afterOverIdle: { server: grown(after.server, idle.server), worker: grown(after.worker, idle.worker) },
    },
    cpuCores,
    cpuWindowSeconds,
    cpuMsPerRun: {
      endToEnd: perRun('endToEnd', measured.endToEnd.completed),
      limitEndToEnd: perRun('limitEndToEnd', measured.limitEndToEnd.completed),
      sustained: perRun('sustained', measured.sustained.completed),
    },
    cpuMsPerStart,
    ...(measured.profile ? { profile: measured.profile } : {}),
    ...(measured.workerProfile ? { workerProfile: measured.workerProfile } : {}),
  };
  return { ...derived, goals: evaluateGoals(derived) };
}

export async function writeResults(file: string, results: BenchResults): Promise<void> {
  await writeFile(file, `${JSON.stringify(results, null, 2)}\n`);
  console.log(`\nWrote ${file}`);
}

/** Cores ÷ operations per second = CPU milliseconds per operation: barely moved by other load on the machine. */
function perOperation(share: CpuShare | undefined, perSecond: number): CpuShare {
  const result: CpuShare = {};
  for (const [name, cores] of Object.entries(share ?? {})) {
    result[name] = perSecond > 0 ? round2((1000 * cores) / perSecond) : 0;
  }
  return result;
}

/** CPU per start summed over the processes on the path (server or starting loop, database, Temporal). */
function pathCost(ms: CpuShare, excluded: string[]): number {
  return Object.entries(ms).reduce((sum, [name, value]) => (excluded.includes(name) ? sum : sum + value), 0);
}

function ratio(a: number, b: number): number {
  return b > 0 ? Math.round((1000 * a) / b) / 1000 : 0;
}

function round2(value: number): number {
  return Math.round(value * 100) / 100;
}
