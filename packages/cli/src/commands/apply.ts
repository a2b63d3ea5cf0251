import type { Command } from 'commander';
import type { ApiClient } from '../api/client';
import type { CommandContext } from '../command-context';
import { CliError } from '../errors';
import type { Output } from '../output/output';
import { describeChange } from '../workflows/apply-diff';
import { planApply, type PlannedWorkflow } from '../workflows/apply-plan';
import { runPlan, type AppliedWorkflow } from '../workflows/apply-run';
import { problemLines, validateDefinitions } from '../workflows/validation';
import { readWorkflowFiles } from '../workflows/workflow-files';

export function applyCommand(program: Command, ctx: CommandContext): void {
  program
    .command('apply')
    .description('create or update workflows from YAML or JSON files, matched by name')
    .requiredOption('-f, --file <path...>', 'workflow files, or directories searched for .yaml/.yml/.json files')
    .option('--dry-run', 'print what would change, with a diff, and change nothing')
    .addHelpText(
      'after',
      `
Each workflow is created, updated (a new version, only when its definition changed) or left unchanged.
Every file is validated by the server first: if one is invalid, nothing is applied. API keys and
credentials are referenced by name (trigger.apiKeyName, a node's credential) and must exist on the server.
A write-only value that a file leaves out (as \`hookflow export\` writes it) keeps the stored one.
\`enabled: false\` (or true) in a file sets the workflow's state; without it the state is left alone.

Examples:
  hookflow apply -f examples/workflows
  hookflow apply -f workflows/order-alert.yaml --dry-run`,
    )
    .action(async (options: { file: string[]; dryRun?: boolean }, command: Command) => {
      const api = await ctx.api(command);
      const out = ctx.output(command);
      const files = await readWorkflowFiles(options.file, ctx.io.cwd);
      const plan = await planApply(api, files);
      const changed = plan.filter((planned) => planned.definitionChanged);
      const checked = await validateDefinitions(
        api,
        changed.map(({ file, definition, current }) => ({
          source: file.source,
          name: file.name,
          definition,
          workflowId: current?.id,
        })),
      );
      const invalid = checked.filter((item) => item.problems.length > 0);
      if (invalid.length > 0) {
        throw new CliError(
          `invalid_workflow: ${invalid.length} of ${files.length} workflows are invalid; nothing was applied`,
          problemLines(invalid),
        );
      }
      if (options.dryRun) printDryRun(out, plan);
      else await applyPlan(api, out, plan);
    });
}

/** Applies the plan and prints each result; what was applied before a failure is printed too. */
async function applyPlan(api: ApiClient, out: Output, plan: readonly PlannedWorkflow[]): Promise<void> {
  const results: AppliedWorkflow[] = [];
  try {
    await runPlan(api, plan, (applied) => results.push(applied));
  } finally {
    out.result({ results }, () => {
      out.table(
        [
          { header: 'RESULT', value: (row: AppliedWorkflow) => row.result },
          { header: 'NAME', value: (row) => row.name },
          { header: 'VERSION', value: (row) => String(row.version) },
          { header: 'FILE', value: (row) => row.file },
        ],
        results,
        'Nothing was applied.',
      );
      if (results.length > 0) out.line(summary(results));
    });
  }
}

/** `1 created, 2 unchanged`. */
function summary(results: readonly AppliedWorkflow[]): string {
  return (['created', 'updated', 'unchanged'] as const)
    .map((result) => [result, results.filter((applied) => applied.result === result).length] as const)
    .filter(([, count]) => count > 0)
    .map(([result, count]) => `${count} ${result}`)
    .join(', ');
}

function printDryRun(out: Output, plan: readonly PlannedWorkflow[]): void {
  const changes = plan.map((planned) => ({
    name: planned.file.name,
    file: planned.file.source,
    action: planned.action,
    diff: planned.action === 'unchanged' ? '' : describeChange(planned),
  }));
  out.result({ dryRun: true, changes }, () => {
    out.table(
      [
        { header: 'WOULD', value: (row: PlannedWorkflow) => row.action },
        { header: 'NAME', value: (row) => row.file.name },
        { header: 'VERSION', value: versionChange },
        { header: 'FILE', value: (row) => row.file.source },
      ],
      plan,
      '',
    );
    for (const change of changes) if (change.diff) out.line(`\n${change.diff.trimEnd()}`);
    out.line('\nDry run: nothing was changed.');
  });
}

function versionChange(planned: PlannedWorkflow): string {
  if (!planned.current) return 'new';
  const version = planned.current.version;
  return planned.definitionChanged ? `${version} → ${version + 1}` : String(version);
}
