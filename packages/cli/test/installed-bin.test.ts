import { execFile, spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPO_ROOT, startCliStack, type CliStack } from './support/cli-stack';

const run = promisify(execFile);
const CLI_PACKAGE = path.join(REPO_ROOT, 'packages/cli');

interface Exit {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs a command to its end; a non-zero exit is a result here, not an error. */
async function exec(command: string, args: string[], env: NodeJS.ProcessEnv, cwd = REPO_ROOT): Promise<Exit> {
  try {
    const { stdout, stderr } = await run(command, args, { env, cwd, timeout: 120_000 });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code?: number; stdout?: string; stderr?: string };
    if (typeof failed.code !== 'number') throw error;
    return { code: failed.code, stdout: failed.stdout ?? '', stderr: failed.stderr ?? '' };
  }
}

describe('the hookflow bin, packed and installed with npm install -g', () => {
  let stack: CliStack;
  let scratch: string;
  let hookflow: string;
  let env: NodeJS.ProcessEnv;

  beforeAll(async () => {
    [stack, scratch] = await Promise.all([startCliStack(), mkdtemp(path.join(os.tmpdir(), 'hookflow-cli-install-'))]);
    const packed = await exec('npm', ['pack', CLI_PACKAGE, '--pack-destination', scratch, '--json'], process.env);
    expect(packed.code).toBe(0);
    const { filename } = (JSON.parse(packed.stdout) as { filename: string }[])[0]!;
    const prefix = path.join(scratch, 'prefix');
    const installed = await exec(
      'npm',
      ['install', '-g', '--prefix', prefix, '--no-audit', '--no-fund', path.join(scratch, filename)],
      process.env,
      scratch,
    );
    expect(installed.stderr).not.toMatch(/ERR!/);
    expect(installed.code).toBe(0);
    hookflow = path.join(prefix, 'bin', 'hookflow');
    env = { PATH: process.env.PATH, HOME: stack.home, ...stack.env };
  }, 180_000);
  afterAll(async () => {
    await stack?.close();
    if (scratch) await rm(scratch, { recursive: true, force: true });
  });

  it('prints its version and readable help for every command', async () => {
    expect(await exec(hookflow, ['--version'], env)).toEqual({ code: 0, stdout: '0.1.0\n', stderr: '' });
    const help = await exec(hookflow, ['--help'], env);
    expect(help.code).toBe(0);
    for (const command of ['login', 'apply', 'export', 'validate', 'keys', 'runs', 'send', 'deliveries']) {
      expect(help.stdout).toMatch(new RegExp(`^  ${command} `, 'm'));
      const own = await exec(hookflow, [command, '--help'], env);
      expect(own.code).toBe(0);
      expect(own.stdout).toMatch(new RegExp(`^Usage: hookflow ${command} `));
    }
  });

  it('exits 0 on success, 1 with the API error, 2 on a usage error', async () => {
    for (const key of ['shop', 'aws-alarms']) {
      expect(await exec(hookflow, ['keys', 'create', key], env)).toMatchObject({ code: 0 });
    }
    const applied = await exec(hookflow, ['apply', '-f', 'examples/workflows'], env);
    expect(applied).toMatchObject({ code: 0, stderr: '' });
    expect(applied.stdout).toContain('3 created');
    const failed = await exec(hookflow, ['keys', 'create', 'shop'], env);
    expect(failed.code).toBe(1);
    expect(failed.stderr).toMatch(/^error: api_key_name_taken: /);
    const usage = await exec(hookflow, ['runs', 'show'], env);
    expect(usage.code).toBe(2);
    expect(usage.stderr).toContain("error: missing required argument 'executionId'");
    expect((await exec(hookflow, ['no-such-command'], env)).code).toBe(2);
  });

  it('follows deliveries until Ctrl-C (SIGINT), then exits 0', async () => {
    const child = spawn(hookflow, ['deliveries', 'tail', 'order-alert'], { env, cwd: REPO_ROOT });
    let stdout = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    const deadline = Date.now() + 20_000;
    while (!stdout.includes('RECEIVED') && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    expect(stdout).toMatch(/^RECEIVED\s+OUTCOME/);
    child.kill('SIGINT');
    expect(await exited).toBe(0);
  });

  it('runs as npx hookflow inside the repository', async () => {
    expect(await exec('npx', ['hookflow', '--version'], env)).toMatchObject({ code: 0, stdout: '0.1.0\n' });
  });
});
