import type { Command } from 'commander';
import type { ExecutionStarted } from '../api/types';
import type { CommandContext } from '../command-context';
import { readJsonArgument } from '../input';
import { positiveNumber } from '../option-parsers';
import { requireCompleted, waitForRun } from '../runs/wait-for-run';
import { findWorkflow } from '../workflows/find-workflow';

export function sendCommand(program: Command, ctx: CommandContext): void {
  program
    .command('send')
    .description("run a workflow now with a payload (a manual run: the trigger's auth is bypassed)")
    .argument('<workflow>', 'workflow name or id')
    .option('--data <json|@file>', 'the payload: inline JSON, @file, or @- for stdin (default {})')
    .option('--wait', 'wait for the run to end and print its final status (exit 1 unless completed)')
    .option('--timeout <seconds>', 'with --wait: give up waiting after this long', positiveNumber, 300)
    .addHelpText(
      'after',
      `
Prints the execution id. The payload stands for the webhook body ($trigger.body) and is checked against
the workflow's inputSchema.

Examples:
  hookflow send order-alert --data '{"orderId":"1001","amount":150}'
  hookflow send order-alert --data @order.json --wait`,
    )
    .action(async (workflow: string, options: { data?: string; wait?: boolean; timeout: number }, command: Command) => {
      const api = await ctx.api(command);
      const out = ctx.output(command);
      const payload = options.data === undefined ? {} : await readJsonArgument(ctx.io, options.data);
      const target = await findWorkflow(api, workflow);
      const started = await api.post<ExecutionStarted>(`/workflows/${encodeURIComponent(target.id)}/runs`, {
        payload,
      });
      if (!options.wait) {
        out.result(started, () => out.line(started.executionId));
        return;
      }
      if (!out.json) out.line(started.executionId);
      const execution = await waitForRun(api, started.executionId, options.timeout, ctx.io.signal);
      out.result({ executionId: execution.executionId, status: execution.status }, () => out.line(execution.status));
      requireCompleted(execution);
    });
}
