import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { startTestHookflowProcesses, type HookflowProcesses } from '@hookflow/docs-tools/stack';
import { runCli } from '../../src/cli';

export const REPO_ROOT = path.resolve(__dirname, '../../../..');

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

export interface CliRunOptions {
  stdin?: string;
  /** Extra environment on top of the stack's URL and token. */
  env?: Record<string, string | undefined>;
  cwd?: string;
  /** Aborted like Ctrl-C. */
  signal?: AbortSignal;
}

export interface RunningCli {
  stdout(): string;
  done: Promise<CliResult>;
}

export interface CliStack {
  url: string;
  token: string;
  /** Environment that points the CLI (or curl, or a shell) at this server. */
  env: Record<string, string>;
  /** Scratch directory removed at close. */
  home: string;
  /** Runs `hookflow <args>` in-process, as the bin does, against this server. */
  cli(args: readonly string[], options?: CliRunOptions): Promise<CliResult>;
  /** Starts `hookflow <args>` in-process; `stdout()` reads what it has printed so far. */
  start(args: readonly string[], options?: CliRunOptions): RunningCli;
  /** The admin API with the token; `path` is relative to `/api/v1`. */
  admin<T = unknown>(path: string, init?: { method?: string; json?: unknown }): Promise<T>;
  close(): Promise<void>;
}

/**
 * The real processes a user runs — the server and worker entry points as child processes — on the test
 * stack's Temporal and database (their own database and task queue), and a CLI pointed at them.
 */
export async function startCliStack(
  options: { env?: Record<string, string>; database?: string } = {},
): Promise<CliStack> {
  const home = await mkdtemp(path.join(os.tmpdir(), 'hookflow-cli-'));
  let processes: HookflowProcesses;
  try {
    processes = await startTestHookflowProcesses('cli', {
      env: options.env ?? {},
      ...(options.database !== undefined ? { database: options.database } : {}),
    });
  } catch (error) {
    await rm(home, { recursive: true, force: true });
    throw error;
  }
  const { baseUrl: url, adminToken: token } = processes;
  const env = {
    HOOKFLOW_URL: url,
    HOOKFLOW_ADMIN_TOKEN: token,
    HOME: home,
    HOOKFLOW_CONFIG: path.join(home, 'config.json'),
  };
  return {
    url,
    token,
    env,
    home,
    cli: (args, options = {}) => runInProcess(args, { ...env, ...options.env }, options).done,
    start: (args, options = {}) => runInProcess(args, { ...env, ...options.env }, options),
    async admin<T>(apiPath: string, init: { method?: string; json?: unknown } = {}): Promise<T> {
      const response = await fetch(`${url}/api/v1${apiPath}`, {
        method: init.method ?? (init.json === undefined ? 'GET' : 'POST'),
        headers: {
          authorization: `Bearer ${token}`,
          ...(init.json !== undefined ? { 'content-type': 'application/json' } : {}),
        },
        ...(init.json !== undefined ? { body: JSON.stringify(init.json) } : {}),
      });
      const text = await response.text();
      if (!response.ok) throw new Error(`${init.method ?? 'GET'} ${apiPath}: ${response.status} ${text}`);
      return (text ? JSON.parse(text) : undefined) as T;
    },
    async close() {
      await processes.stop();
      await rm(home, { recursive: true, force: true });
    },
  };
}

function runInProcess(
  args: readonly string[],
  env: Record<string, string | undefined>,
  options: CliRunOptions,
): RunningCli {
  const stdout = collector();
  const stderr = collector();
  const stdin = options.stdin === undefined ? Readable.from([]) : Readable.from([Buffer.from(options.stdin)]);
  const done = runCli(args, {
    stdout,
    stderr,
    stdin,
    env,
    cwd: options.cwd ?? REPO_ROOT,
    signal: options.signal ?? new AbortController().signal,
  }).then((code) => ({ code, stdout: stdout.text, stderr: stderr.text }));
  return { stdout: () => stdout.text, done };
}

/** A stream stand-in that keeps what the CLI writes. */
function collector(): { text: string; write(chunk: string): boolean } {
  return {
    text: '',
    write(chunk) {
      this.text += chunk;
      return true;
    },
  };
}
