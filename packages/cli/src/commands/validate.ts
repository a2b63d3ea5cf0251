import type { Command } from 'commander';
import type { CommandContext } from '../command-context';
import { CliError } from '../errors';
import { fileDefinition } from '../workflows/definition';
import { problemLines, validateDefinitions, type Checked } from '../workflows/validation';
import { readWorkflowFiles } from '../workflows/workflow-files';

export function validateCommand(program: Command, ctx: CommandContext): void {
  program
    .command('validate')
    .description('check workflow files with the server (the checks of a save, without saving)')
    .requiredOption('-f, --file <path...>', 'workflow files, or directories searched for .yaml/.yml/.json files')
    .addHelpText(
      'after',
      `
Exits 1 when a file is invalid, naming the file and the JSON path of each problem.

Example:
  hookflow validate -f workflows/`,
    )
    .action(async (options: { file: string[] }, command: Command) => {
      const api = await ctx.api(command);
      const out = ctx.output(command);
      const files = await readWorkflowFiles(options.file, ctx.io.cwd);
      const checked = await validateDefinitions(
        api,
        files.map((file) => ({ source: file.source, name: file.name, definition: fileDefinition(file.body) })),
      );
      const invalid = checked.filter((item) => item.problems.length > 0);
      out.result(
        checked.map(({ source, name, problems }) => ({ file: source, name, valid: problems.length === 0, problems })),
        () => {
          out.table(
            [
              { header: 'RESULT', value: (row: Checked) => (row.problems.length === 0 ? 'valid' : 'invalid') },
              { header: 'NAME', value: (row) => row.name },
              { header: 'FILE', value: (row) => row.source },
            ],
            checked,
            '',
          );
        },
      );
      if (invalid.length > 0) {
        throw new CliError(
          `invalid_workflow: ${invalid.length} of ${checked.length} workflows are invalid`,
          problemLines(invalid),
        );
      }
    });
}
