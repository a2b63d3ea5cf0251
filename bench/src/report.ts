import type { Goal } from './goals';
import type { HistoryProfile } from './history';
import type { LoadResult } from './load';
import type { ProfileEntry } from './profile';
import type { BenchResults, Memory } from './results';

const PROCESSES = ['server', 'worker', 'limit-worker', 'temporal', 'database', 'bench', 'other'];

export function printReport(results: BenchResults): void {
  const { machine } = results.environment;
  console.log(
    `\n${machine.cpus} × ${machine.model}, ${machine.memGiB} GiB, Node ${results.environment.node}, ` +
      `commit ${results.environment.gitCommit.slice(0, 10)}${results.environment.gitDirty ? ' (dirty)' : ''}, ` +
      `load avg ${machine.loadAvgAtStart.join('/')} → ${results.environment.loadAvgAtEnd.join('/')}`,
  );

  printRuns(results);
  printHistories(results.history.benchGraph, results.history.limit, results.settings.limitShape !== null);
  printAcceptance(results);
  printCpu(results);
  printMemory(results);
  if (results.workerProfile) printWorkerProfile(results.workerProfile);
  if (results.profile) printProfile(results.profile);
  printGoals(results.goals, results);
}

function printRuns(results: BenchResults): void {
  const { endToEnd: e2e, limitEndToEnd: limit, sustained: s } = results;
  const shape = limit.shape;
  heading('Runs end to end (worker running)');
  printTable([
    ['phase', 'runs', 'completed', 'failed', 'seconds', 'runs/s', 'accept/start s', 'p50 ms', 'p99 ms'],
    [
      'end to end, bench graph',
      String(e2e.runs),
      String(e2e.completed),
      String(e2e.failed),
      String(e2e.seconds),
      String(e2e.runsPerSecond),
      String(e2e.acceptSeconds),
      String(e2e.accept.latencyMs.p50),
      String(e2e.accept.latencyMs.p99),
    ],
    [
      'Temporal limit, end to end',
      String(limit.runs),
      String(limit.completed),
      String(limit.failed),
      String(limit.seconds),
      String(limit.runsPerSecond),
      String(limit.startSeconds),
      String(limit.startLatencyMs.p50),
      String(limit.startLatencyMs.p99),
    ],
  ]);
  console.log(
    `ratio end to end ÷ limit: ${results.ratio.endToEndOverLimit} (the limit's bare workflow: ` +
      `${shape.workflowTasks} workflow tasks, ${shape.activityTasks} activity tasks, ${shape.localActivities} ` +
      `local activities per run, ${results.settings.limitShape ? 'set by BENCH_LIMIT_SHAPE' : "as counted in the bench graph's histories"})`,
  );
  console.log(
    `\nsustained: ${s.sent} webhooks at ${s.ratePerSecond}/s evenly spaced over ${s.sendSeconds} s; ` +
      `${s.accepted} accepted, ${s.completed} completed, ${s.failed} failed, ${s.incomplete} still open ` +
      `${s.drainSeconds} s after the last request`,
  );
  printTable([
    ['latency', 'p50 ms', 'p95 ms', 'p99 ms', 'max ms'],
    ['request → 202', ...latencies(s.accept.latencyMs), String(s.accept.latencyMs.max)],
    ['202 → run completed', ...latencies(s.acceptToCompletedMs), String(s.acceptToCompletedMs.max)],
    ['request → run completed', ...latencies(s.sendToCompletedMs), String(s.sendToCompletedMs.max)],
    ['Temporal start → close', ...latencies(s.temporalStartToCloseMs), String(s.temporalStartToCloseMs.max)],
  ]);
  console.log(
    `backlog (open runs every 2 s): ${s.backlog.samples.map((sample) => sample.open).join(' ')}; slope over the ` +
      `second half ${s.backlog.slopePerSecond} runs/s → ${s.backlog.growing ? 'GROWING' : 'not growing'}` +
      ` (sender's worst lag ${s.senderMaxLagMs} ms)`,
  );
}

function printHistories(graph: HistoryProfile, limit: HistoryProfile, forced: boolean): void {
  heading('Per run, from the histories (means)');
  const row = (name: string, h: HistoryProfile) => [
    name,
    String(h.sampledRuns),
    String(h.events),
    String(h.workflowTasks),
    String(h.activityTasks),
    String(h.localActivities),
    String(h.timers),
    String(h.failedWorkflowTasks),
    h.historyBytes === null ? '-' : String(h.historyBytes),
  ];
  printTable([
    ['workflow', 'sampled', 'events', 'wf tasks', 'act. tasks', 'local act.', 'timers', 'failed wft', 'bytes'],
    row('bench graph', graph),
    row('limit (bare)', limit),
  ]);
  const differs = (a: number, b: number) => Math.abs(a - b) > 0.5;
  if (
    differs(graph.workflowTasks - graph.failedWorkflowTasks, limit.workflowTasks - limit.failedWorkflowTasks) ||
    differs(graph.activityTasks, limit.activityTasks) ||
    differs(graph.localActivities, limit.localActivities)
  ) {
    console.log(
      forced
        ? "The limit workflow made the round trips BENCH_LIMIT_SHAPE asked for, not the bench graph's."
        : 'WARNING: the limit workflow did not make the same round trips as the bench graph: its ratio is off',
    );
  }
}

function printAcceptance(results: BenchResults): void {
  heading('Acceptance (worker stopped: runs are only accepted)');
  const rows: string[][] = [
    ['phase', 'target/s', 'conc', 'done', 'ok/s', 'best 5s', 'p50 ms', 'p95 ms', 'p99 ms', 'non-2xx'],
  ];
  for (const run of [...results.acceptance.rates, results.acceptance.saturation]) {
    rows.push([
      run.targetRate === null ? 'accept: saturation' : 'accept: paced, even',
      run.targetRate === null ? '-' : String(run.targetRate),
      String(run.connections),
      String(run.requests),
      String(run.throughput),
      String(run.peakThroughput),
      ...latencies(run.latencyMs),
      String(run.non2xx),
    ]);
  }
  for (const loop of [results.limit.startRun, results.limit.bare]) {
    rows.push([
      loop.variant === 'bare' ? 'limit: bare workflow.start' : 'limit: engine startRun',
      '-',
      String(loop.concurrency),
      String(loop.starts),
      String(loop.throughput),
      String(loop.peakThroughput),
      ...latencies(loop.latencyMs),
      String(loop.errors),
    ]);
  }
  if (results.profile) {
    rows.push([
      'accept: saturation, --cpu-prof',
      '-',
      '-',
      '-',
      String(results.profile.throughput),
      '',
      '',
      '',
      '',
      '',
    ]);
  }
  printTable(rows);
  const { ratio } = results;
  console.log(
    `ratio acceptance ÷ limit (saturation ÷ bare workflow.start): ${ratio.acceptanceOverBareStart} on the means, ` +
      `${ratio.peakAcceptanceOverPeakBareStart} on the best 5 s, ${ratio.cpuCostBareOverAccept} by CPU cost per ` +
      `start; ÷ engine startRun: ${ratio.acceptanceOverStartRun}`,
  );
}

function printCpu(results: BenchResults): void {
  const used = PROCESSES.filter((name) => Object.values(results.cpuCores).some((share) => name in share));
  heading('CPU, cores used per phase (2 = the whole machine here; "other": load the bench did not start)');
  // `ours`: every process the bench started, itself included — how busy it kept the machine.
  const ours = (share: Record<string, number>) =>
    Math.round(1000 * Object.entries(share).reduce((sum, [n, cores]) => (n === 'other' ? sum : sum + cores), 0)) / 1000;
  printTable([
    ['phase', 'seconds', ...used, 'ours'],
    ...Object.entries(results.cpuCores).map(([phase, share]) => [
      phase,
      String(results.cpuWindowSeconds[phase] ?? '-'),
      ...used.map((n) => String(share[n] ?? '-')),
      String(ours(share)),
    ]),
  ]);
  heading('CPU milliseconds per completed run ("all": the processes a deployment runs, not bench or other)');
  // `other` per run would only say how busy the machine was: the cores table has it.
  const runColumns = ['all', ...used.filter((name) => name !== 'other')];
  printTable([
    ['phase', ...runColumns],
    ...Object.entries(results.cpuMsPerRun).flatMap(([phase, ms]) =>
      ms ? [[phase, ...runColumns.map((n) => String(ms[n] ?? '-'))]] : [],
    ),
  ]);
  heading('CPU milliseconds per accepted request (saturation) or per start (limit loops)');
  printTable([
    ['phase', ...used],
    ...Object.entries(results.cpuMsPerStart).map(([phase, ms]) => [phase, ...used.map((n) => String(ms[n] ?? '-'))]),
  ]);
}

function printMemory(results: BenchResults): void {
  const memory = (m: Memory) => (m ? `${m.rssMiB} MiB (peak ${m.peakRssMiB})` : 'n/a');
  const { idle, after, afterOverIdle } = results.memoryMiB;
  heading('Memory (RSS)');
  printTable([
    ['process', 'idle', 'after the bench', 'after ÷ idle'],
    ['server', memory(idle.server), memory(after.server), String(afterOverIdle.server ?? '-')],
    ['worker', memory(idle.worker), memory(after.worker), String(afterOverIdle.worker ?? '-')],
  ]);
}

function printProfile(p: NonNullable<BenchResults['profile']>): void {
  heading(`Server CPU profile (${p.windowMs} ms of load, main thread ${p.busyPercent}% busy)`);
  const profileRows = (title: string, list: ProfileEntry[]) => [
    [title, 'ms', '%'],
    ...list.map((e) => [e.name, String(e.ms), String(e.percent)]),
  ];
  printTable(profileRows('by concern (nearest known caller)', p.byConcern));
  console.log('');
  printTable(profileRows('by module (self time)', p.byModule.slice(0, 10)));
  console.log('');
  printTable(profileRows('by function (self time)', p.topFunctions));
}

function printWorkerProfile(p: NonNullable<BenchResults['workerProfile']>): void {
  const threads = [
    ...(p.main ? [{ name: 'main thread', summary: p.main }] : []),
    ...p.workflowThreads.map((summary, i) => ({ name: `workflow thread ${i + 1}`, summary })),
  ];
  const perRun = (ms: number) => String(Math.round((100 * ms) / Math.max(1, p.runs)) / 100);
  heading(
    `Worker CPU profile (${p.runs} runs end to end at ${p.runsPerSecond} runs/s; busy ms per run: ` +
      `${threads.map((t) => `${t.name} ${perRun(t.summary.busyMs)}`).join(', ')}; Rust core threads not sampled)`,
  );
  for (const { name, summary } of threads) {
    printTable([
      [`${name}, by concern (nearest known caller)`, 'ms', 'ms per run', '%'],
      ...summary.byConcern.map((e) => [e.name, String(e.ms), perRun(e.ms), String(e.percent)]),
    ]);
    console.log('');
  }
}

function printGoals(goals: Goal[], results: BenchResults): void {
  const other = results.cpuCores.endToEnd?.other;
  heading(
    `Goals (${goals.filter((g) => g.met).length} of ${goals.length} met; other load during end to end: ` +
      `${other ?? '-'} cores — throughput figures are only comparable when it is near 0)`,
  );
  printTable(
    [
      ['goal', 'target', 'figure', 'ratio', 'result', 'from'],
      ...goals.map((g) => [
        g.goal,
        `${g.direction} ${g.target} ${g.unit}`,
        g.figure === null ? 'n/a' : `${g.figure} ${g.unit}`,
        g.ratio === null ? '-' : String(g.ratio),
        g.met ? 'met' : 'MISSED',
        g.note ?? '',
      ]),
    ],
    [5],
  );
  const limitTemporal = results.cpuMsPerRun.limitEndToEnd?.temporal;
  console.log(
    `context: end to end ÷ Temporal limit, end to end = ${results.ratio.endToEndOverLimit}; Temporal's CPU per run ` +
      `for the same round trips in a bare workflow: ${limitTemporal ?? '-'} ms (its floor for this shape)`,
  );
}

function heading(text: string): void {
  console.log(`\n${text}`);
}

function latencies(l: LoadResult['latencyMs']): string[] {
  return [String(l.p50), String(l.p95), String(l.p99)];
}

/** Figures right-aligned; the first column (names) and any in `textColumns` left-aligned. */
function printTable(rows: string[][], textColumns: number[] = []): void {
  const widths = rows[0]?.map((_, i) => Math.max(...rows.map((row) => (row[i] ?? '').length))) ?? [];
  const isText = (i: number) => i === 0 || textColumns.includes(i);
  rows.forEach((row, index) => {
    console.log(
      row
        .map((cell, i) => (isText(i) ? cell.padEnd(widths[i] ?? 0) : cell.padStart(widths[i] ?? 0)))
        .join('  ')
        .trimEnd(),
    );
    if (index === 0) console.log(widths.map((w) => '-'.repeat(w)).join('  '));
  });
}
