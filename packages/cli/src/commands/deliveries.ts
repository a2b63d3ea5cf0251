import { setTimeout as sleep } from 'node:timers/promises';
import type { Command } from 'commander';
import type { ApiClient } from '../api/client';
import type { Delivery } from '../api/types';
import type { CommandContext } from '../command-context';
import { positiveInteger } from '../option-parsers';
import { formatTime } from '../output/format';
import type { Output } from '../output/output';
import { findWorkflow } from '../workflows/find-workflow';

/** Entries fetched per poll: more new entries than this between two polls are not all shown. */
const POLL_WINDOW = 100;

export function deliveriesCommand(program: Command, ctx: CommandContext): void {
  const deliveries = program.command('deliveries').description("follow a workflow's delivery log");

  deliveries
    .command('tail')
    .description('print the latest deliveries, then each new one as it arrives, until Ctrl-C')
    .argument('<workflow>', 'workflow name or id')
    .option('-n, --lines <n>', 'how many of the latest entries to print first', positiveInteger, 10)
    .option('--interval <ms>', 'how often to look for new entries', positiveInteger, 1000)
    .addHelpText(
      'after',
      `
Every webhook request is in the log, rejected ones too, with the reason. With --json each entry is one JSON
line.

Example:
  hookflow deliveries tail order-alert`,
    )
    .action(async (workflow: string, options: { lines: number; interval: number }, command: Command) => {
      const api = await ctx.api(command);
      const out = ctx.output(command);
      const target = await findWorkflow(api, workflow);
      const path = `/workflows/${encodeURIComponent(target.id)}/deliveries`;
      if (!out.json) out.line(HEADER);
      const seen = new Set<string>();
      let latest = await fetchLatest(api, path, Math.min(options.lines, 1000));
      for (;;) {
        const fresh = latest.filter((entry) => !seen.has(entry.id));
        for (const entry of fresh.reverse()) print(out, entry);
        remember(seen, latest);
        try {
          await sleep(options.interval, undefined, { signal: ctx.io.signal });
        } catch {
          return; // Ctrl-C: a normal way to stop following
        }
        latest = await fetchLatest(api, path, POLL_WINDOW);
      }
    });
}

async function fetchLatest(api: ApiClient, path: string, limit: number): Promise<Delivery[]> {
  return (await api.get<{ items: Delivery[] }>(path, { limit })).items;
}

/** Ids seen so far; bounded by forgetting those that have left the polled window. */
function remember(seen: Set<string>, latest: readonly Delivery[]): void {
  if (seen.size > 10 * POLL_WINDOW) {
    const window = new Set(latest.map((entry) => entry.id));
    for (const id of seen) if (!window.has(id)) seen.delete(id);
  }
  for (const entry of latest) seen.add(entry.id);
}

/** Entries print as they arrive, so the columns have fixed widths; a longer value still gets a gap. */
const WIDTHS = [20, 9, 6, 15];

function row(cells: readonly string[]): string {
  return cells.map((cell, index) => (index < WIDTHS.length ? cell.padEnd(WIDTHS[index]!) : cell)).join('  ');
}

const HEADER = row(['RECEIVED', 'OUTCOME', 'STATUS', 'SOURCE', 'DETAIL']);

function print(out: Output, entry: Delivery): void {
  if (out.json) {
    out.jsonLine(entry);
    return;
  }
  const detail = [
    entry.executionId,
    entry.errorCode,
    entry.reason,
    entry.count !== undefined && entry.count > 1 ? `(×${entry.count})` : undefined,
  ]
    .filter(Boolean)
    .join(' ');
  out.line(row([formatTime(entry.receivedAt), entry.outcome, String(entry.status), entry.sourceIp, detail]));
}
