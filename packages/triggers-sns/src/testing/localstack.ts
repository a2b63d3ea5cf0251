import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { homedir, tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * LocalStack (the `localstack-core` package from PyPI) run without Docker, for SNS end-to-end tests.
 *
 * - Pinned: 4.14.0, the last release before LocalStack's 2026 versions. Its own requirements are open-ended,
 *   and newer releases of three of them break its start-up, so those are pinned too (see `PINS`).
 * - Needs Python >= 3.12 (its code uses PEP 695 generics although its metadata says >= 3.10).
 * - Installed once into `~/.cache/hookflow/localstack-<version>/` (override: HOOKFLOW_CACHE_DIR), built in a
 *   temporary directory and renamed into place when complete, so an interrupted install is never reused.
 */
export const LOCALSTACK_VERSION = '4.14.0';

const PINS = [
  `localstack-core[runtime]==${LOCALSTACK_VERSION}`,
  // 6.x removed `cbor2._decoder`, which localstack imports: the AWS components fail to load.
  'cbor2==5.9.0',
  // 26.x removed `X509.add_extensions`, which localstack uses to make its TLS certificate at start-up.
  'pyopenssl==25.3.0',
  // Imported by the twisted gateway server, but not declared by localstack-core.
  'service-identity==24.2.0',
];

const INSTALL_TIMEOUT_MS = 10 * 60_000;
const START_TIMEOUT_MS = 60_000;

function cacheRoot(): string {
  return process.env.HOOKFLOW_CACHE_DIR ?? join(homedir(), '.cache', 'hookflow');
}

function pythonVersion(python: string): [number, number] | undefined {
  const result = spawnSync(python, ['-c', 'import sys; print(sys.version_info[0], sys.version_info[1])'], {
    encoding: 'utf8',
    timeout: 10_000,
  });
  if (result.status !== 0) return undefined;
  const [major, minor] = result.stdout.trim().split(' ').map(Number);
  return major === undefined || minor === undefined ? undefined : [major, minor];
}

/**
 * A Python >= 3.12 interpreter: HOOKFLOW_LOCALSTACK_PYTHON, else python3.13/python3.12/python3 on PATH,
 * else one installed by pyenv. `undefined` when there is none.
 */
export function findPython(): string | undefined {
  const pyenvVersions = join(process.env.PYENV_ROOT ?? join(homedir(), '.pyenv'), 'versions');
  const fromPyenv = existsSync(pyenvVersions)
    ? readdirSync(pyenvVersions)
        .filter((name) => /^3\.1[2-9]\.\d+$/.test(name))
        .sort((a, b) => b.localeCompare(a, 'en', { numeric: true }))
        .map((name) => join(pyenvVersions, name, 'bin', 'python3'))
    : [];
  const candidates = [process.env.HOOKFLOW_LOCALSTACK_PYTHON, 'python3.13', 'python3.12', 'python3', ...fromPyenv];
  return candidates.find((candidate): candidate is string => {
    if (candidate === undefined || candidate === '') return false;
    const version = pythonVersion(candidate);
    return version !== undefined && version[0] === 3 && version[1] >= 12;
  });
}

function run(command: string, args: string[], timeoutMs: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output = (output + chunk.toString()).slice(-4000)));
    child.stderr.on('data', (chunk: Buffer) => (output = (output + chunk.toString()).slice(-4000)));
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      if (code === 0) resolve();
      else reject(new Error(`${command} ${args.join(' ')} failed (${code ?? 'killed'}):\n${output}`));
    });
  });
}

/** The venv's python, creating and caching the venv on first use. */
export async function ensureLocalStackInstalled(python: string): Promise<string> {
  const target = join(cacheRoot(), `localstack-${LOCALSTACK_VERSION}`);
  const marker = JSON.stringify({ pins: PINS, python: pythonVersion(python) });
  const markerFile = join(target, '.hookflow-install.json');
  if (existsSync(markerFile) && readFileSync(markerFile, 'utf8') === marker) return join(target, 'bin', 'python');

  const building = `${target}.building-${process.pid}`;
  rmSync(building, { recursive: true, force: true });
  try {
    await run(python, ['-m', 'venv', building], 60_000);
    await run(
      join(building, 'bin', 'pip'),
      ['install', '--quiet', '--disable-pip-version-check', ...PINS],
      INSTALL_TIMEOUT_MS,
    );
  } catch (error) {
    rmSync(building, { recursive: true, force: true });
    throw error;
  }
  writeFileSync(join(building, '.hookflow-install.json'), marker);
  rmSync(target, { recursive: true, force: true });
  // A venv records its own path in its scripts; `python -m` (how we start it) does not depend on them.
  renameSync(building, target);
  return join(target, 'bin', 'python');
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address !== null ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

export interface LocalStack {
  /** e.g. `http://127.0.0.1:45123`: API, certificate and confirmation URLs all live here. */
  endpoint: string;
  /** Calls an SNS Query API action and returns the XML response; rejects on a non-2xx answer. */
  sns(action: string, parameters?: Record<string, string>): Promise<string>;
  /** Last lines LocalStack printed, for failure messages. */
  log(): string;
  stop(): Promise<void>;
}

/** The text of the first `<name>` element of an AWS Query API response. */
export function xmlValue(xml: string, name: string): string | undefined {
  return new RegExp(`<${name}>([^<]*)</${name}>`).exec(xml)?.[1];
}

async function waitUntilReady(endpoint: string, child: ChildProcess, log: () => string): Promise<void> {
  const deadline = Date.now() + START_TIMEOUT_MS;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`LocalStack exited with ${child.exitCode}:\n${log()}`);
    try {
      const health = (await (await fetch(`${endpoint}/_localstack/health`)).json()) as { services?: { sns?: string } };
      if (health.services?.sns === 'available' || health.services?.sns === 'running') return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`LocalStack did not become ready within ${START_TIMEOUT_MS} ms:\n${log()}`);
}

/** Installs (once) and starts LocalStack with only SNS, on a free port of 127.0.0.1. */
export async function startLocalStack(python: string): Promise<LocalStack> {
  const venvPython = await ensureLocalStackInstalled(python);
  const port = await freePort();
  const endpoint = `http://127.0.0.1:${port}`;
  const filesystem = mkdtempSync(join(tmpdir(), 'hookflow-localstack-'));
  const child = spawn(venvPython, ['-m', 'localstack.runtime.main'], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: {
      ...process.env,
      GATEWAY_LISTEN: `127.0.0.1:${port}`,
      // The host in SigningCertURL and SubscribeURL; the default (localhost.localstack.cloud) needs public DNS.
      LOCALSTACK_HOST: `127.0.0.1:${port}`,
      SERVICES: 'sns',
      // This machine has /.dockerenv: without this LocalStack believes it runs in its own image and
      // writes to /var/lib/localstack. Host mode keeps everything under FILESYSTEM_ROOT.
      OVERRIDE_IN_DOCKER: '0',
      FILESYSTEM_ROOT: filesystem,
      DNS_ADDRESS: '0',
      DISABLE_EVENTS: '1',
      SKIP_SSL_CERT_DOWNLOAD: '1',
    },
  });
  let output = '';
  const append = (chunk: Buffer) => (output = (output + chunk.toString()).slice(-8000));
  child.stdout?.on('data', append);
  child.stderr?.on('data', append);
  const log = () => output;

  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await exited;
      clearTimeout(timer);
    }
    rmSync(filesystem, { recursive: true, force: true });
  };

  try {
    await waitUntilReady(endpoint, child, log);
  } catch (error) {
    await stop();
    throw error;
  }

  return {
    endpoint,
    log,
    stop,
    async sns(action, parameters = {}) {
      const response = await fetch(`${endpoint}/`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ Action: action, Version: '2010-03-31', ...parameters }).toString(),
      });
      const text = await response.text();
      if (!response.ok) throw new Error(`SNS ${action} answered ${response.status}: ${text}`);
      return text;
    },
  };
}
