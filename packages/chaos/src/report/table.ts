import type { ChaosRun } from '../run-chaos';

const COLUMNS = [
  'fault',
  'requests',
  '2xx',
  '503',
  'other',
  'runs',
  'duplicates',
  'lost',
  'recovery',
  'slowest',
  'violations',
] as const;

/**
 * The table of figures, one row per fault, then every violation with one example, then the notes. Read the
 * package README for what each column counts.
 */
export function renderReport(run: ChaosRun, profileName: string, totalMs: number): string {
  const rows = run.phases.map((phase) => [
    phase.fault,
    String(phase.figures.requests),
    String(phase.figures.success),
    String(phase.figures.unavailable),
    String(phase.figures.other),
    String(phase.figures.runs),
    String(phase.figures.duplicates),
    String(phase.figures.lost),
    phase.recovery,
    `${(phase.figures.slowestMs / 1000).toFixed(1)} s`,
    phase.violations.total === 0 ? 'ok' : String(phase.violations.total),
  ]);
  const widths = COLUMNS.map((title, column) => Math.max(title.length, ...rows.map((row) => row[column]!.length)));
  const line = (cells: readonly string[]) =>
    cells
      .map((cell, column) => (column === 0 ? cell.padEnd(widths[column]!) : cell.padStart(widths[column]!)))
      .join('  ');

  const out: string[] = [];
  out.push(line(COLUMNS), widths.map((width) => '-'.repeat(width)).join('  '), ...rows.map(line));
  const violations = run.phases.flatMap((phase) =>
    phase.violations
      .list()
      .map((violation) => `  [${phase.id}] ${violation.invariant} (×${violation.count}), e.g. ${violation.example}`),
  );
  out.push('');
  if (violations.length === 0) out.push('No violations.');
  else out.push(`Violations (${violations.length} kinds):`, ...violations);
  const notes = run.phases.flatMap((phase) => phase.notes.map((note) => `  [${phase.id}] ${note}`));
  if (notes.length > 0) out.push('', 'Notes:', ...notes);
  out.push(
    '',
    `Profile ${profileName}; stack start ${(run.startupMs / 1000).toFixed(1)} s (database: ${run.databaseKind}); ` +
      `total ${(totalMs / 1000).toFixed(1)} s; ` +
      run.phases.map((phase) => `${phase.id} ${(phase.durationMs / 1000).toFixed(0)} s`).join(', '),
  );
  return out.join('\n');
}
