import { spawn } from 'node:child_process';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';

export interface ShellResult {
  exitCode: number | null;
  stdout: string;
  stderr: string;
  timedOut: boolean;
}

/**
 * One page's shell, as a reader has it open while following the page: every block runs in bash with
 * `set -euo pipefail`, in the page's working directory, and sees the variables (and directory) that
 * earlier blocks set. Each block is its own `bash` process so that a block's output, exit status and time
 * limit are its own; what it leaves behind is carried to the next block through a state file.
 */
export class ShellSession {
  private blocks = 0;

  constructor(
    /** Working directory of the page's commands (holds the state files under `.docs-shell/`). */
    private readonly cwd: string,
    /** The whole environment the commands start with (nothing of the test process leaks in). */
    private readonly env: NodeJS.ProcessEnv,
  ) {}

  async run(script: string, timeoutMs: number): Promise<ShellResult> {
    const stateDir = path.join(this.cwd, '.docs-shell');
    await mkdir(stateDir, { recursive: true });
    const before = path.join(stateDir, `state-${this.blocks}.sh`);
    const after = path.join(stateDir, `state-${this.blocks + 1}.sh`);
    if (this.blocks === 0) await writeFile(before, `cd ${quote(this.cwd)}\n`);
    const scriptFile = path.join(stateDir, `block-${this.blocks}.sh`);
    await writeFile(
      scriptFile,
      [
        'set -a', // every variable a block sets is kept for the next one
        `source ${quote(before)}`,
        'set -euo pipefail',
        script,
        `{ export -p | grep -Ev '^declare -x (${NOT_CARRIED.join('|')})='; printf 'cd %q\\n' "$PWD"; } > ${quote(after)}`,
        '',
      ].join('\n'),
    );
    const result = await runBash(scriptFile, this.cwd, this.env, timeoutMs);
    if (result.exitCode === 0) this.blocks++;
    return result;
  }

  /** The environment the next block starts from (for messages). */
  async state(): Promise<string> {
    return readFile(path.join(this.cwd, '.docs-shell', `state-${this.blocks}.sh`), 'utf8');
  }
}

/** Bash's own bookkeeping: re-exporting these from a file would be wrong (or refused, for read-only ones). */
const NOT_CARRIED = ['BASH[A-Z_]*', 'SHELLOPTS', 'SHLVL', 'PWD', 'OLDPWD', '_'];

function runBash(file: string, cwd: string, env: NodeJS.ProcessEnv, timeoutMs: number): Promise<ShellResult> {
  return new Promise((resolve, reject) => {
    // Its own process group, so that a time-out stops whatever the block started too.
    const child = spawn('bash', [file], { cwd, env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
    const stdout: Buffer[] = [];
    const stderr: Buffer[] = [];
    child.stdout.on('data', (chunk: Buffer) => stdout.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => stderr.push(chunk));
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      if (child.pid !== undefined) process.kill(-child.pid, 'SIGKILL');
    }, timeoutMs);
    child.once('error', reject);
    child.once('close', (code) => {
      clearTimeout(timer);
      resolve({
        exitCode: code,
        stdout: Buffer.concat(stdout).toString(),
        stderr: Buffer.concat(stderr).toString(),
        timedOut,
      });
    });
  });
}

function quote(value: string): string {
  return `'${value.replace(/'/g, `'\\''`)}'`;
}
