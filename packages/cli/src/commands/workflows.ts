import type { Command } from 'commander';
import type { WorkflowSummary } from '../api/types';
import type { CommandContext } from '../command-context';

export function workflowsCommand(program: Command, ctx: CommandContext): void {
  const workflows = program.command('workflows').description('list workflows and their webhook URLs');

  workflows
    .command('list')
    .description('list workflows by name: current version, state, trigger type and webhook URL')
    .action(async (_options: unknown, command: Command) => {
      const api = await ctx.api(command);
      const out = ctx.output(command);
      const items = await api.all<WorkflowSummary>('/workflows');
      out.result({ items }, () => {
        out.table(
          [
            { header: 'NAME', value: (workflow: WorkflowSummary) => workflow.name },
            { header: 'VERSION', value: (workflow) => String(workflow.version) },
            { header: 'ENABLED', value: (workflow) => (workflow.enabled ? 'yes' : 'no') },
            { header: 'TRIGGER', value: (workflow) => workflow.triggerType ?? '' },
            { header: 'WEBHOOK URL', value: (workflow) => workflow.webhookUrl },
          ],
          items,
          'No workflows.',
        );
      });
    });
}
