import { createWriteStream, mkdirSync, type WriteStream } from 'node:fs';
import path from 'node:path';
import { startProcess, type ManagedProcess } from '@hookflow/dev-stack';
import { now, sleep } from '../clock';

/** An exit the harness did not cause: a crash, which the fault model forbids. */
export interface UnexpectedExit {
  process: string;
  at: number;
  code: number | string;
  /** The last lines the process printed, for the report. */
  lastLines: string[];
}

export interface SupervisedProcessOptions {
  name: string;
  entry: string;
  env: NodeJS.ProcessEnv;
  logFile: string;
  /** Resolves once the process serves (a log line seen, an endpoint answering). */
  ready(lines: readonly string[]): Promise<boolean>;
  onUnexpectedExit(exit: UnexpectedExit): void;
}

/**
 * A server or worker process under a supervisor, as systemd or an orchestrator runs it: an exit the harness did
 * not ask for is recorded (a violation) and the process is started again; a SIGKILL the harness injects is
 * followed by a restart after a delay of the harness's choosing.
 */
export class SupervisedProcess {
  private current: ManagedProcess | undefined;
  private expectingExit = false;
  private closed = false;
  private readonly recent: string[] = [];
  private readonly log: WriteStream;
  restarts = 0;

  constructor(private readonly options: SupervisedProcessOptions) {
    mkdirSync(path.dirname(options.logFile), { recursive: true });
    this.log = createWriteStream(options.logFile, { flags: 'a' });
  }

  get name(): string {
    return this.options.name;
  }

  get running(): boolean {
    return this.current !== undefined && !this.current.hasExited();
  }

  /** Starts the process and waits until it is ready (60 s at most). */
  async start(): Promise<void> {
    this.expectingExit = false;
    this.recent.length = 0;
    const child = startProcess({
      name: this.options.name,
      command: process.execPath,
      args: [this.options.entry],
      env: this.options.env,
      onLine: (line) => {
        this.log.write(`${line}\n`);
        this.recent.push(line);
        if (this.recent.length > 50) this.recent.shift();
      },
    });
    this.current = child;
    void child.exited.then((code) => this.exited(child, code));
    const deadline = now() + 60_000;
    while (now() < deadline) {
      if (child.hasExited()) throw new Error(`${this.name} exited during start-up:\n${this.recent.join('\n')}`);
      if (await this.options.ready(this.recent).catch(() => false)) return;
      await sleep(100);
    }
    throw new Error(`${this.name} not ready within 60 s:\n${this.recent.join('\n')}`);
  }

  /** SIGKILL: no shutdown hook runs, buffers in memory are lost, as in a power cut or an OOM kill. */
  async kill(): Promise<void> {
    const child = this.current;
    if (!child || child.hasExited()) return;
    this.expectingExit = true;
    process.kill(child.pid, 'SIGKILL');
    await child.exited;
  }

  /** Graceful stop at the end of the run. */
  async close(): Promise<void> {
    this.closed = true;
    this.expectingExit = true;
    await this.current?.stop(5_000);
    await new Promise<void>((resolve) => this.log.end(resolve));
  }

  private exited(child: ManagedProcess, code: number | string): void {
    if (child !== this.current || this.expectingExit || this.closed) return;
    this.options.onUnexpectedExit({ process: this.name, at: now(), code, lastLines: [...this.recent.slice(-10)] });
    // A supervisor brings it back; the crash stays on record.
    this.restarts++;
    setTimeout(() => {
      if (!this.closed) this.start().catch(() => undefined);
    }, 1_000);
  }
}
