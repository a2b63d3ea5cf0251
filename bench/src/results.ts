import { writeFile } from 'node:fs/promises';
import os from 'node:os';
import type { StartLoopResult } from './bare-start';
import type { CpuShare } from './cpu';
import type { EndToEndResult } from './end-to-end';
import type { Environment } from './environment';
import type { LoadResult } from './load';
import type { ProfileSummary } from './profile';
import type { BenchSettings } from './settings';

export type Memory = { rssMiB: number; peakRssMiB: number } | null;

export interface BenchResults {
  finishedAt: string;
  environment: Environment & { loadAvgAtEnd: number[] };
  settings: BenchSettings;
  acceptance: { rates: LoadResult[]; saturation: LoadResult };
  limit: { startRun: StartLoopResult; bare: StartLoopResult };
  /** Saturated acceptance ÷ the start loops' throughput: how close HTTP acceptance comes to Temporal's limit. */
  ratio: {
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
  endToEnd: EndToEndResult;
  memoryMiB: { server: Memory; worker: Memory };
  /** Cores each process used per phase; `other` is load the bench did not start. */
  cpuCores: Record<string, CpuShare>;
  /** CPU milliseconds each process spent per accepted request (saturation) or per start (the loops). */
  cpuMsPerStart: Record<string, CpuShare>;
  profile?: ProfileSummary & { throughput: number };
}

export type Measured = Omit<BenchResults, 'finishedAt' | 'environment' | 'ratio' | 'cpuMsPerStart'> & {
  environment: Environment;
};

/** Adds the derived figures: CPU per start and the ratios acceptance ÷ limit. */
export function withDerivedFigures(measured: Measured): BenchResults {
  const { acceptance, limit, cpuCores } = measured;
  const cpuMsPerStart = {
    saturation: perOperation(cpuCores.saturation, acceptance.saturation.throughput),
    limitBare: perOperation(cpuCores.limitBare, limit.bare.throughput),
    limitStartRun: perOperation(cpuCores.limitStartRun, limit.startRun.throughput),
  };
  return {
    finishedAt: new Date().toISOString(),
    environment: { ...measured.environment, loadAvgAtEnd: os.loadavg().map((load) => Math.round(load * 100) / 100) },
    settings: measured.settings,
    ratio: {
      acceptanceOverBareStart: ratio(acceptance.saturation.throughput, limit.bare.throughput),
      acceptanceOverStartRun: ratio(acceptance.saturation.throughput, limit.startRun.throughput),
      peakAcceptanceOverPeakBareStart: ratio(acceptance.saturation.peakThroughput, limit.bare.peakThroughput),
      cpuCostBareOverAccept: ratio(
        pathCost(cpuMsPerStart.limitBare, ['other']),
        // The load generator stands for the senders, which are not on this machine in production.
        pathCost(cpuMsPerStart.saturation, ['other', 'bench']),
      ),
    },
    acceptance,
    limit,
    endToEnd: measured.endToEnd,
    memoryMiB: measured.memoryMiB,
    cpuCores,
    cpuMsPerStart,
    ...(measured.profile ? { profile: measured.profile } : {}),
  };
}

export async function writeResults(file: string, results: BenchResults): Promise<void> {
  await writeFile(file, `${JSON.stringify(results, null, 2)}\n`);
  console.log(`\nWrote ${file}`);
}

/** Cores ÷ starts per second = CPU milliseconds per start: barely moved by other load on the machine. */
function perOperation(share: CpuShare | undefined, perSecond: number): CpuShare {
  const result: CpuShare = {};
  for (const [name, cores] of Object.entries(share ?? {})) {
    result[name] = perSecond > 0 ? Math.round((100_000 * cores) / perSecond) / 100 : 0;
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
