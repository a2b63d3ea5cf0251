import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { FERRETDB_VERSION, TEMPORAL_CLI_VERSION } from '@hookflow/dev-stack';

/** What the figures were measured on, so two results files can be compared fairly. */
export interface Environment {
  machine: { cpus: number; model: string; memGiB: number; loadAvgAtStart: number[] };
  node: string;
  gitCommit: string;
  /** True when the working tree had uncommitted changes: the commit alone does not name the code measured. */
  gitDirty: boolean;
  versions: Record<string, string>;
}

const PACKAGES = [
  '@hookflow/server',
  '@hookflow/engine',
  '@hookflow/triggers-generic',
  '@temporalio/client',
  '@temporalio/worker',
  'express',
  'mongoose',
  'pino',
];

export function describeEnvironment(repoRoot: string): Environment {
  const cpus = os.cpus();
  const versions: Record<string, string> = {
    'temporal-cli': TEMPORAL_CLI_VERSION,
    ferretdb: FERRETDB_VERSION,
  };
  for (const name of PACKAGES) versions[name] = packageVersion(repoRoot, name);
  return {
    machine: {
      cpus: cpus.length,
      model: cpus[0]?.model.trim() ?? 'unknown',
      memGiB: Math.round(os.totalmem() / 2 ** 30),
      loadAvgAtStart: os.loadavg().map((load) => Math.round(load * 100) / 100),
    },
    node: process.version,
    gitCommit: git(repoRoot, ['rev-parse', 'HEAD']),
    gitDirty: git(repoRoot, ['status', '--porcelain']).length > 0,
    versions,
  };
}

/** Read from disk rather than `require.resolve`: some packages do not export their `package.json`. */
function packageVersion(repoRoot: string, name: string): string {
  for (const dir of ['packages/server', 'packages/engine', '.']) {
    try {
      const manifest = path.join(repoRoot, dir, 'node_modules', name, 'package.json');
      return (JSON.parse(readFileSync(manifest, 'utf8')) as { version: string }).version;
    } catch {
      // not installed there
    }
  }
  return 'unknown';
}

function git(cwd: string, args: string[]): string {
  try {
    return execFileSync('git', args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  } catch {
    return 'unknown';
  }
}
