import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Command } from 'commander';
import type { WorkflowResource, WorkflowSummary } from '../api/types';
import type { CommandContext } from '../command-context';
import { CliError } from '../errors';
import { exportWorkflow } from '../workflows/export-file';
import { displayPath } from '../workflows/workflow-files';

export function exportCommand(program: Command, ctx: CommandContext): void {
  program
    .command('export')
    .description('write workflows as YAML files that `hookflow apply` accepts unchanged')
    .argument('[names...]', 'workflow names (default: every workflow)')
    .requiredOption('-o, --output <dir>', 'directory to write <name>.yaml files to (created if missing)')
    .addHelpText(
      'after',
      `
Write-only values (secrets in a trigger's config) cannot be read back: they are left out, with a comment
in the file naming each one; applying the file keeps the stored value.

Examples:
  hookflow export -o workflows/
  hookflow export order-alert -o workflows/`,
    )
    .action(async (names: string[], options: { output: string }, command: Command) => {
      const api = await ctx.api(command);
      const out = ctx.output(command);
      const summaries = await api.all<WorkflowSummary>('/workflows');
      const selected = names.length === 0 ? summaries : names.map((name) => byName(summaries, name));
      const directory = path.resolve(ctx.io.cwd, options.output);
      await mkdir(directory, { recursive: true });
      const written: { name: string; file: string; leftOut: string[] }[] = [];
      for (const summary of selected) {
        const resource = await api.get<WorkflowResource>(`/workflows/${encodeURIComponent(summary.id)}`);
        const exported = exportWorkflow(resource);
        const file = path.join(directory, exported.fileName);
        await writeFile(file, exported.text);
        written.push({ name: exported.name, file: displayPath(file, ctx.io.cwd), leftOut: exported.leftOut });
      }
      out.result({ exported: written }, () => {
        out.table(
          [
            { header: 'NAME', value: (row: (typeof written)[number]) => row.name },
            { header: 'FILE', value: (row) => row.file },
            { header: 'LEFT OUT (write-only)', value: (row) => row.leftOut.join(', ') },
          ],
          written,
          'No workflows to export.',
        );
      });
    });
}

function byName(summaries: readonly WorkflowSummary[], name: string): WorkflowSummary {
  const found = summaries.find((summary) => summary.name === name);
  if (!found) throw new CliError(`workflow_not_found: no workflow named "${name}"`);
  return found;
}
