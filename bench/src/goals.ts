import type { BenchResults } from './results';

/** One goal of the performance issue, as measured by this run. */
export interface Goal {
  goal: string;
  /** `≥` goals are met at a ratio ≥ 1, `≤` goals at a ratio ≤ 1. */
  direction: '≥' | '≤';
  target: number;
  unit: string;
  /** Null when the bench could not measure it (e.g. no /proc). */
  figure: number | null;
  /** figure ÷ target. */
  ratio: number | null;
  met: boolean;
  /** What the figure comes from, or why it is only a bound. */
  note?: string;
}

const MB_PER_MIB = 1.048576;

/**
 * The targets, in one place (never in timed tests). Figures: the end-to-end phase for throughput and CPU per
 * run; the saturation phase and the bare start loop for acceptance; the sustained phase; RSS at idle (after
 * start-up, before any request) and after the bench (once the last runs completed, then a few quiet seconds).
 */
export function evaluateGoals(results: Omit<BenchResults, 'goals'>): Goal[] {
  const { endToEnd, cpuMsPerRun, ratio, sustained, memoryMiB } = results;
  const perRun = cpuMsPerRun.endToEnd;
  const rss = (value: number | undefined) => (value === undefined ? null : Math.round(value * MB_PER_MIB * 10) / 10);
  const p99Bound =
    sustained.incomplete > 0 ? `${sustained.incomplete} runs still open after the wait: a lower bound` : undefined;
  return [
    goal('end to end, bench graph', '≥', 100, 'runs/s', endToEnd.runsPerSecond, `${endToEnd.completed} runs`),
    goal(
      'CPU per run, all processes',
      '≤',
      15,
      'ms',
      perRun?.all ?? null,
      'server + worker + Temporal + database, end to end',
    ),
    goal('CPU per run, worker', '≤', 4, 'ms', perRun?.worker ?? null),
    goal('CPU per run, Temporal', '≤', 10, 'ms', perRun?.temporal ?? null),
    goal(
      'acceptance at saturation ÷ bare start loop',
      '≥',
      0.85,
      '×',
      ratio.acceptanceOverBareStart,
      `best 5 s: ${ratio.peakAcceptanceOverPeakBareStart}, by CPU cost: ${ratio.cpuCostBareOverAccept}`,
    ),
    {
      ...goal(
        `sustained ${sustained.ratePerSecond}/s: accept → completed p99`,
        '≤',
        2000,
        'ms',
        sustained.acceptToCompletedMs.p99,
        p99Bound,
      ),
      ...(sustained.incomplete > 0 || sustained.completed === 0 ? { met: false } : {}),
    },
    goal(
      `sustained ${sustained.ratePerSecond}/s: backlog growth`,
      '≤',
      1,
      'runs/s',
      sustained.backlog.slopePerSecond,
      `open runs: peak ${sustained.backlog.peak}, least-squares slope over the second half`,
    ),
    goal('idle RSS, server', '≤', 120, 'MB', rss(memoryMiB.idle.server?.rssMiB)),
    goal('idle RSS, worker', '≤', 200, 'MB', rss(memoryMiB.idle.worker?.rssMiB)),
    goal('RSS after the bench ÷ idle, server', '≤', 1.5, '×', memoryMiB.afterOverIdle.server),
    goal('RSS after the bench ÷ idle, worker', '≤', 1.5, '×', memoryMiB.afterOverIdle.worker),
  ];
}

function goal(
  name: string,
  direction: Goal['direction'],
  target: number,
  unit: string,
  figure: number | null,
  note?: string,
): Goal {
  const ratio = figure === null ? null : Math.round((1000 * figure) / target) / 1000;
  const met = ratio !== null && (direction === '≥' ? ratio >= 1 : ratio <= 1);
  return { goal: name, direction, target, unit, figure, ratio, met, ...(note ? { note } : {}) };
}
