import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { now } from './clock';
import { faultCatalogue } from './faults/catalogue';
import { PROFILES } from './profile';
import { renderReport } from './report/table';
import { runChaos } from './run-chaos';

const USAGE = `Usage: npm run chaos [-- --short] [--only=<id,...>] [--skip=<id,...>] [--keep-logs]

Starts Temporal, the database, two servers and two workers on free ports, injects every fault of the
fault model under a load of retrying senders, and checks the answers against Temporal.
  --short       one pass of each fault with shorter outages and stalls (the CI form, about 3 minutes)
  --only, --skip  fault ids, comma-separated: ${'%IDS%'}
  --keep-logs   keep the processes' logs even when every check passed
Exit status: 0 no violation, 1 a violation, 2 the harness itself failed.`;

/** `npm run chaos`: prints the table and exits non-zero on any violation. */
async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      short: { type: 'boolean', default: false },
      only: { type: 'string' },
      skip: { type: 'string' },
      'keep-logs': { type: 'boolean', default: false },
      help: { type: 'boolean', default: false },
    },
  });
  const profile = PROFILES[values.short ? 'short' : 'full'];
  const catalogue = faultCatalogue(profile);
  if (values.help) {
    console.log(USAGE.replace('%IDS%', catalogue.map((entry) => entry.id).join(', ')));
    return 0;
  }
  const only = listOption(values.only);
  const skip = listOption(values.skip) ?? [];
  const unknown = [...(only ?? []), ...skip].filter((id) => !catalogue.some((entry) => entry.id === id));
  if (unknown.length > 0) {
    console.error(`Unknown fault id(s): ${unknown.join(', ')}; known: ${catalogue.map((e) => e.id).join(', ')}`);
    return 2;
  }
  const faults = catalogue.filter((entry) => (only ? only.includes(entry.id) : true) && !skip.includes(entry.id));
  if (skip.length > 0) console.log(`Skipped faults: ${skip.join(', ')}`);

  const home = await mkdtemp(path.join(os.tmpdir(), 'hookflow-chaos-'));
  const log = (line: string) => console.log(`[chaos ${(now() / 1000).toFixed(1).padStart(6)} s] ${line}`);
  log(`profile ${profile.name}, ${faults.length} faults; logs in ${path.join(home, 'logs')}`);
  let failed = true;
  try {
    const run = await runChaos({ profile, faults, home, log });
    console.log(`\n${renderReport(run, profile.name, now())}\n`);
    failed = run.phases.some((phase) => phase.violations.total > 0);
    return failed ? 1 : 0;
  } catch (error) {
    console.error('The chaos harness failed:', error);
    return 2;
  } finally {
    if (failed || values['keep-logs']) console.log(`Logs of every process: ${path.join(home, 'logs')}`);
    else await rm(home, { recursive: true, force: true });
  }
}

function listOption(value: string | undefined): string[] | undefined {
  return value === undefined
    ? undefined
    : value
        .split(',')
        .map((id) => id.trim())
        .filter(Boolean);
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error);
    process.exit(2);
  },
);
