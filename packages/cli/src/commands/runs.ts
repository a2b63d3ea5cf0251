import { Option, type Command } from 'commander';
import type { Execution, ExecutionStarted, ExecutionSummary, NodeState } from '../api/types';
import type { CommandContext } from '../command-context';
import { readJsonArgument } from '../input';
import { positiveInteger, positiveNumber } from '../option-parsers';
import { formatDuration, formatTime } from '../output/format';
import type { Output } from '../output/output';
import { requireCompleted, waitForRun } from '../runs/wait-for-run';
import { findWorkflow } from '../workflows/find-workflow';

const STATUSES = ['running', 'completed', 'failed', 'cancelled', 'terminated', 'timed_out'];

export function runsCommand(program: Command, ctx: CommandContext): void {
  const runs = program
    .command('runs')
    .description('list, inspect, re-run and cancel executions')
    .addHelpText(
      'after',
      `
Examples:
  hookflow runs list --workflow order-alert --status failed
  hookflow runs show <executionId>
  hookflow runs rerun <executionId> --wait
  hookflow runs event <executionId> decision --data '{"approved":true}'
  hookflow runs cancel <executionId>`,
    );

  runs
    .command('list')
    .description('list runs, newest first')
    .option('--workflow <name-or-id>', "only this workflow's runs")
    .addOption(new Option('--status <status>', 'only runs in this status').choices(STATUSES))
    .option('--limit <n>', 'how many', positiveInteger, 20)
    .option('--page-token <token>', 'the next page, as printed by the previous one')
    .action(
      async (options: { workflow?: string; status?: string; limit: number; pageToken?: string }, command: Command) => {
        const api = await ctx.api(command);
        const out = ctx.output(command);
        const workflowId = options.workflow ? (await findWorkflow(api, options.workflow)).id : undefined;
        const page = await api.get<{ items: ExecutionSummary[]; nextPageToken: string | null }>('/executions', {
          workflowId,
          status: options.status,
          limit: options.limit,
          pageToken: options.pageToken,
        });
        out.result(page, () => {
          out.table(
            [
              { header: 'EXECUTION', value: (run: ExecutionSummary) => run.executionId },
              { header: 'STATUS', value: (run) => run.status },
              { header: 'VERSION', value: (run) => String(run.version) },
              { header: 'STARTED', value: (run) => formatTime(run.startedAt) },
              { header: 'DURATION', value: (run) => formatDuration(run.startedAt, run.closedAt) },
            ],
            page.items,
            'No runs.',
          );
          if (page.nextPageToken) out.note(`More: --page-token ${page.nextPageToken}`);
        });
      },
    );

  runs
    .command('show')
    .description('show a run: status, trigger, and the table of its nodes')
    .argument('<executionId>', 'the execution id (<workflowId>:<deliveryKey>)')
    .action(async (executionId: string, _options: unknown, command: Command) => {
      const api = await ctx.api(command);
      const out = ctx.output(command);
      const execution = await api.get<Execution>(`/executions/${encodeURIComponent(executionId)}`);
      out.result(execution, () => printExecution(out, execution));
    });

  runs
    .command('rerun')
    .description('start a new run with the same trigger payload, linked to the original (rerunOf)')
    .argument('<executionId>', 'the run to repeat')
    .option('--current', 'run the current version of the workflow (default: the version the original ran)')
    .option('--wait', 'wait for the new run to end and print its final status (exit 1 unless completed)')
    .option('--timeout <seconds>', 'with --wait: give up waiting after this long', positiveNumber, 300)
    .action(
      async (
        executionId: string,
        options: { current?: boolean; wait?: boolean; timeout: number },
        command: Command,
      ) => {
        const api = await ctx.api(command);
        const out = ctx.output(command);
        const started = await api.post<ExecutionStarted>(`/executions/${encodeURIComponent(executionId)}/rerun`, {
          version: options.current ? 'current' : 'original',
        });
        if (!options.wait) {
          out.result({ ...started, rerunOf: executionId }, () => out.line(started.executionId));
          return;
        }
        if (!out.json) out.line(started.executionId);
        const execution = await waitForRun(api, started.executionId, options.timeout, ctx.io.signal);
        out.result({ executionId: execution.executionId, rerunOf: executionId, status: execution.status }, () =>
          out.line(execution.status),
        );
        requireCompleted(execution);
      },
    );

  runs
    .command('event')
    .description("send an event to a run's wait nodes (e.g. an approval)")
    .argument('<executionId>', 'the waiting run')
    .argument('<name>', 'the event name a wait node waits for')
    .option('--data <json|@file>', "the event's payload: inline JSON, @file, or @- for stdin")
    .action(async (executionId: string, name: string, options: { data?: string }, command: Command) => {
      const api = await ctx.api(command);
      const out = ctx.output(command);
      const payload = options.data === undefined ? undefined : await readJsonArgument(ctx.io, options.data);
      await api.post(`/executions/${encodeURIComponent(executionId)}/events`, {
        name,
        ...(payload !== undefined ? { payload } : {}),
      });
      out.result({ executionId, event: name, delivered: true }, () =>
        out.line(`Event "${name}" delivered to ${executionId}`),
      );
    });

  runs
    .command('cancel')
    .description('cancel a running run: running nodes are cancelled and the run ends cancelled')
    .argument('<executionId>', 'the run to cancel')
    .action(async (executionId: string, _options: unknown, command: Command) => {
      const api = await ctx.api(command);
      const out = ctx.output(command);
      await api.post(`/executions/${encodeURIComponent(executionId)}/cancel`);
      out.result({ executionId, cancelRequested: true }, () => out.line(`Cancellation requested: ${executionId}`));
    });
}

function printExecution(out: Output, execution: Execution): void {
  const fields: [string, string | undefined][] = [
    ['Execution', execution.executionId],
    ['Workflow', `${execution.workflowId} (version ${execution.version})`],
    ['Status', execution.status],
    ['Trigger', `${execution.trigger.type}, delivery key ${execution.trigger.deliveryKey}`],
    ['Started', formatTime(execution.startedAt)],
    [
      'Closed',
      execution.closedAt
        ? `${formatTime(execution.closedAt)} (${formatDuration(execution.startedAt, execution.closedAt)})`
        : undefined,
    ],
    ['Rerun of', execution.rerunOf],
    ['Error', execution.error?.message],
    ['Temporal UI', execution.temporalUiUrl],
  ];
  for (const [label, value] of fields) if (value) out.line(`${`${label}:`.padEnd(13)}${value}`);
  out.line();
  const nodes = Object.entries(execution.nodes);
  out.table(
    [
      { header: 'NODE', value: ([id]: [string, NodeState]) => id },
      { header: 'STATUS', value: ([, node]) => node.status },
      { header: 'ATTEMPTS', value: ([, node]) => String(node.attempts) },
      { header: 'STARTED', value: ([, node]) => formatTime(node.startedAt) },
      { header: 'DURATION', value: ([, node]) => formatDuration(node.startedAt, node.finishedAt) },
      {
        header: 'ERROR',
        value: ([, node]) =>
          node.error ? `${node.error.code ? `${node.error.code}: ` : ''}${node.error.message}` : '',
      },
    ],
    nodes,
    'No nodes.',
  );
}
