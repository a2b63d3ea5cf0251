import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { findFreePort, startProcess, type ManagedProcess } from '@hookflow/dev-stack';
import { testStack, uniqueName } from '@hookflow/dev-stack/testing';
import { runCli } from '../../src/cli';

export const REPO_ROOT = path.resolve(__dirname, '../../../..');
const SERVER_ENTRY = path.join(REPO_ROOT, 'packages/server/dist/main.js');
const WORKER_ENTRY = path.join(REPO_ROOT, 'packages/engine/dist/worker/main.js');

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
 * The real processes a user runs: `packages/server/dist/main.js` and the worker, spawned on the test stack's
 * Temporal and database (their own database and task queue) with a server port of their own.
 */
export async function startCliStack(extraEnv: Record<string, string> = {}): Promise<CliStack> {
  const stack = testStack();
  const port = await findFreePort();
  const url = `http://127.0.0.1:${port}`;
  const token = `test-admin-${uniqueName('cli')}-0123456789abcdef`;
  const home = await mkdtemp(path.join(os.tmpdir(), 'hookflow-cli-'));
  const serviceEnv: NodeJS.ProcessEnv = {
    PATH: process.env.PATH,
    HOME: home,
    HOOKFLOW_ADMIN_TOKEN: token,
    HOOKFLOW_PORT: String(port),
    HOOKFLOW_PUBLIC_URL: url,
    MONGODB_URI: `${stack.mongodbUri}/${uniqueName('cli')}`,
    TEMPORAL_ADDRESS: stack.temporalAddress,
    HOOKFLOW_TASK_QUEUE: uniqueName('cli'),
    LOG_LEVEL: 'info',
    ...extraEnv,
  };
  const logs: string[] = [];
  const collect = (name: string) => (line: string) => logs.push(`${name}: ${line}`);
  let workerStarted!: () => void;
  const workerReady = new Promise<void>((resolve) => (workerStarted = resolve));
  const processes: ManagedProcess[] = [
    startProcess({
      name: 'server',
      command: process.execPath,
      args: [SERVER_ENTRY],
      env: serviceEnv,
      onLine: collect('server'),
    }),
    startProcess({
      name: 'worker',
      command: process.execPath,
      args: [WORKER_ENTRY],
      env: serviceEnv,
      onLine: (line) => {
        collect('worker')(line);
        if (line.includes('"worker started"')) workerStarted();
      },
    }),
  ];
  const close = async () => {
    await Promise.all(processes.map((child) => child.stop(5_000)));
    await rm(home, { recursive: true, force: true });
  };
  try {
    await Promise.race([
      Promise.all([waitForReady(url), workerReady]),
      ...processes.map((child) =>
        child.exited.then((code) => {
          throw new Error(`${child.name} exited (${code}) during start-up:\n${logs.join('\n')}`);
        }),
      ),
    ]);
  } catch (error) {
    await close();
    throw error;
  }

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
    close,
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

async function waitForReady(url: string): Promise<void> {
  const deadline = Date.now() + 90_000;
  for (;;) {
    try {
      if ((await fetch(`${url}/readyz`)).status === 200) return;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`${url}/readyz did not answer 200 within 90 s`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}
