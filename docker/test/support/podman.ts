import { execFile } from 'node:child_process';

export interface CommandResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs a command to its end; a non-zero exit is a result, not an error (tests assert on it). */
export function run(command: string, args: string[], timeoutMs = 120_000): Promise<CommandResult> {
  return new Promise((resolve, reject) => {
    execFile(command, args, { timeout: timeoutMs, maxBuffer: 16 * 1024 * 1024 }, (error, stdout, stderr) => {
      if (error && typeof error.code !== 'number') {
        reject(new Error(`${command} ${args.join(' ')}: ${error.message}\n${stderr}`));
        return;
      }
      resolve({ code: error ? Number(error.code) : 0, stdout, stderr });
    });
  });
}

export function podman(args: string[], timeoutMs?: number): Promise<CommandResult> {
  return run('podman', args, timeoutMs);
}

/** podman, failing with its output unless it exits 0; resolves to stdout, trimmed. */
export async function podmanOk(args: string[], timeoutMs?: number): Promise<string> {
  const result = await podman(args, timeoutMs);
  if (result.code !== 0) {
    throw new Error(`podman ${args.join(' ')} exited ${result.code}:\n${result.stderr}${result.stdout}`);
  }
  return result.stdout.trim();
}

/** The image under test: what docker/podman/build-image tagged. */
export function imageUnderTest(): string {
  const image = process.env.HOOKFLOW_IMAGE ?? 'hookflow:local';
  return image.includes('/') ? image : `localhost/${image}`;
}

export async function assertImageExists(image: string): Promise<void> {
  if ((await podman(['image', 'exists', image])).code !== 0) {
    throw new Error(`podman has no image ${image}: build it first with docker/podman/build-image`);
  }
}

export interface ProcessInfo {
  pid: number;
  ppid: number;
  uid: number;
  command: string;
}

// Reads /proc inside the container (the slim image has no ps).
const LIST_PROCESSES = `
const fs = require('node:fs');
for (const pid of fs.readdirSync('/proc').filter((name) => /^\\d+$/.test(name))) {
  try {
    const status = fs.readFileSync('/proc/' + pid + '/status', 'utf8');
    const command = fs.readFileSync('/proc/' + pid + '/cmdline', 'utf8').split('\\0').filter(Boolean).join(' ');
    console.log(JSON.stringify({
      pid: Number(pid),
      ppid: Number(/^PPid:\\s+(\\d+)/m.exec(status)[1]),
      uid: Number(/^Uid:\\s+(\\d+)/m.exec(status)[1]),
      command,
    }));
  } catch {}
}`;

/** PID 1 of the container and its children (what `podman exec` adds is not a child of PID 1). */
export async function containerProcesses(container: string): Promise<ProcessInfo[]> {
  const out = await podmanOk(['exec', container, 'node', '-e', LIST_PROCESSES]);
  return out
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as ProcessInfo)
    .filter((process) => process.pid === 1 || process.ppid === 1);
}

/** `podman healthcheck run`: the image's (or compose file's) HEALTHCHECK, once; without systemd nothing else runs it. */
export async function healthcheck(container: string): Promise<CommandResult> {
  return podman(['healthcheck', 'run', container], 30_000);
}

/** Polls the healthcheck until it passes (services starting), failing with its last output after timeoutMs. */
export async function waitHealthy(container: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const result = await healthcheck(container);
    if (result.code === 0) return;
    if (Date.now() > deadline) {
      const logs = await podman(['logs', '--tail', '30', container]);
      throw new Error(
        `${container} still unhealthy after ${timeoutMs} ms: ${result.stdout}${result.stderr}\n` +
          `last log lines:\n${logs.stdout}${logs.stderr}`,
      );
    }
    await new Promise((resolve) => setTimeout(resolve, 1000));
  }
}

/** SIGTERM, then how the container ended: exit code and seconds until it stopped (SIGKILL after graceSeconds). */
export async function stopWithSigterm(
  container: string,
  graceSeconds: number,
): Promise<{ exitCode: number; seconds: number }> {
  const started = Date.now();
  await podmanOk(['stop', '--time', String(graceSeconds), container], (graceSeconds + 30) * 1000);
  const seconds = (Date.now() - started) / 1000;
  const exitCode = Number(await podmanOk(['inspect', '--format', '{{.State.ExitCode}}', container]));
  return { exitCode, seconds };
}
