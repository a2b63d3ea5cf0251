import type { LoadResult } from './load';
import type { ProfileEntry } from './profile';
import type { BenchResults, Memory } from './results';

export function printReport(results: BenchResults): void {
  const { machine } = results.environment;
  console.log(
    `\n${machine.cpus} × ${machine.model}, ${machine.memGiB} GiB, Node ${results.environment.node}, ` +
      `commit ${results.environment.gitCommit.slice(0, 10)}${results.environment.gitDirty ? ' (dirty)' : ''}, ` +
      `load avg ${machine.loadAvgAtStart.join('/')} → ${results.environment.loadAvgAtEnd.join('/')}\n`,
  );
  const rows: string[][] = [
    ['phase', 'target/s', 'conc', 'done', 'ok/s', 'best 5s', 'p50 ms', 'p95 ms', 'p99 ms', 'non-2xx'],
  ];
  for (const run of [...results.acceptance.rates, results.acceptance.saturation]) {
    rows.push([
      run.targetRate === null ? 'accept: saturation' : 'accept: paced',
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

  const e2e = results.endToEnd;
  const { ratio } = results;
  console.log(
    `\nratio acceptance ÷ limit (saturation ÷ bare workflow.start): ${ratio.acceptanceOverBareStart} on the means, ` +
      `${ratio.peakAcceptanceOverPeakBareStart} on the best 5 s, ${ratio.cpuCostBareOverAccept} by CPU cost per ` +
      `start; ÷ engine startRun: ${ratio.acceptanceOverStartRun}`,
  );
  console.log(
    `end to end: ${e2e.completed}/${e2e.runs} runs completed (${e2e.failed} failed) in ${e2e.seconds} s ` +
      `= ${e2e.runsPerSecond} runs/s (all accepted after ${e2e.acceptSeconds} s)`,
  );
  const memory = (m: Memory) => (m ? `${m.rssMiB} MiB (peak ${m.peakRssMiB})` : 'n/a');
  console.log(`memory (RSS): server ${memory(results.memoryMiB.server)}, worker ${memory(results.memoryMiB.worker)}`);

  const names = ['server', 'worker', 'temporal', 'database', 'bench', 'other'];
  console.log('\nCPU, cores used per phase (2 = the whole machine here; "other": load the bench did not start)');
  printTable([
    ['phase', ...names],
    ...Object.entries(results.cpuCores).map(([phase, share]) => [phase, ...names.map((n) => String(share[n] ?? '-'))]),
  ]);

  console.log('\nCPU milliseconds per accepted request (saturation) or per start (limit loops)');
  printTable([
    ['phase', ...names],
    ...Object.entries(results.cpuMsPerStart).map(([phase, ms]) => [phase, ...names.map((n) => String(ms[n] ?? '-'))]),
  ]);

  if (results.profile) {
    const p = results.profile;
    console.log(`\nserver CPU profile (${p.windowMs} ms of load, main thread ${p.busyPercent}% busy):`);
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
}

function latencies(l: LoadResult['latencyMs']): string[] {
  return [String(l.p50), String(l.p95), String(l.p99)];
}

function printTable(rows: string[][]): void {
  const widths = rows[0]?.map((_, i) => Math.max(...rows.map((row) => (row[i] ?? '').length))) ?? [];
  rows.forEach((row, index) => {
    console.log(
      row.map((cell, i) => (i === 0 ? cell.padEnd(widths[i] ?? 0) : cell.padStart(widths[i] ?? 0))).join('  '),
    );
    if (index === 0) console.log(widths.map((w) => '-'.repeat(w)).join('  '));
  });
}
