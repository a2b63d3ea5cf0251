import { spawn } from 'node:child_process';
import { closeSync, mkdirSync, openSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { startStack, type Stack } from '@hookflow/dev-stack';

/**
 * Everything the bench starts, stopped in reverse order by `stopAll()` — on success, on failure and on
 * Ctrl-C alike (see `main.ts`).
 */
const stoppers: Array<{ name: string; stop: () => Promise<void> }> = [];

export function onStop(name: string, stop: () => Promise<void>): void {
  stoppers.push({ name, stop });
}

export async function stopAll(): Promise<void> {
  for (let next = stoppers.pop(); next; next = stoppers.pop()) {
    const { name, stop } = next;
    try {
      await stop();
    } catch (error) {
      console.error(`could not stop ${name}: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
}

export async function startBenchStack(home: string): Promise<Stack> {
  // Temporal on its SQLite file, as `npm run dev` runs it: in memory it would be faster than anything deployed.
  const stack = await startStack({ home, persistent: true, log: (line) => console.log(`  [stack] ${line}`) });
  onStop('stack', () => stack.stop());
  return stack;
}

export interface NodeProcessOptions {
  name: 'server' | 'worker' | 'limit-worker';
  entry: string;
  env: NodeJS.ProcessEnv;
  logDir: string;
  /** Extra `node` flags, e.g. `--cpu-prof`. */
  nodeArgs?: string[];
}

export interface NodeProcess {
  name: string;
  pid: number;
  hasExited(): boolean;
  /** SIGTERM, then SIGKILL after 10 s; resolves once the process is gone. */
  stop(): Promise<void>;
}

/**
 * A production entry point as its own process. Its output goes straight to `<logDir>/<name>.log` (not through
 * a pipe to the bench, as dev-stack's `startProcess` does): pino writes synchronously, and a pipe read by a
 * busy load generator would fill up and stall the server on its own log lines.
 */
export function startNodeProcess(options: NodeProcessOptions): NodeProcess {
  mkdirSync(options.logDir, { recursive: true });
  const log = openSync(path.join(options.logDir, `${options.name}.log`), 'a');
  const child = spawn(process.execPath, [...(options.nodeArgs ?? []), options.entry], {
    env: options.env,
    stdio: ['ignore', log, log],
  });
  closeSync(log);
  if (child.pid === undefined) throw new Error(`${options.name}: could not start`);
  let exited = false;
  const exit = new Promise<void>((resolve) =>
    child.once('exit', () => {
      exited = true;
      resolve();
    }),
  );
  const stop = async () => {
    if (exited) return;
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
    await exit;
    clearTimeout(timer);
  };
  onStop(options.name, stop);
  return { name: options.name, pid: child.pid, hasExited: () => exited, stop };
}

/** Polls `url` until it answers 200; fails early when `child` exits. */
export async function waitForHttp(url: string, child: NodeProcess, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.hasExited()) throw new Error(`${child.name} exited during start-up (see its log)`);
    try {
      if ((await fetch(url)).status === 200) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`${url} did not answer 200 within ${timeoutMs / 1000} s`);
}

/** Resident set size now and at its peak (VmHWM), in MiB, from the kernel; null off Linux or once exited. */
export function memoryOf(pid: number): { rssMiB: number; peakRssMiB: number } | null {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kib = (field: string) => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? NaN);
    return { rssMiB: Math.round(kib('VmRSS') / 102.4) / 10, peakRssMiB: Math.round(kib('VmHWM') / 102.4) / 10 };
  } catch {
    return null;
  }
}
