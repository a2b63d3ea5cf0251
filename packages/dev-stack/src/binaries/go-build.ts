import { spawn } from 'node:child_process';
import { mkdir, rename, rm, mkdtemp } from 'node:fs/promises';
import path from 'node:path';
import { findOnPath, isExecutable } from './find-executable';

export class GoMissingError extends Error {
  constructor(what: string) {
    super(
      `Go >= 1.25 is needed to build ${what} for the embedded stack, and no usable 'go' is on PATH.\n` +
        'Install Go (https://go.dev/dl/), or point Hookflow at running services with TEMPORAL_ADDRESS and MONGODB_URI.',
    );
    this.name = 'GoMissingError';
  }
}

export interface GoBuild {
  /** Human name for messages, e.g. "Temporal CLI v1.5.1". */
  what: string;
  /** Final path of the executable; its directory is the cache entry. */
  output: string;
  /** `go` arguments; `{out}` is replaced by the temporary output directory. */
  args: (outDir: string) => string[];
  env?: (outDir: string) => NodeJS.ProcessEnv;
  cwd?: string;
  log: (line: string) => void;
  /** How often a progress line is logged while Go runs (default 10 s). */
  progressIntervalMs?: number;
}

/**
 * Builds once into a temporary directory beside the cache entry, then renames it into place, so a
 * concurrent `npm run dev` and `npm test` never see a half-written binary.
 */
export async function buildWithGo(build: GoBuild): Promise<string> {
  if (isExecutable(build.output)) return build.output;
  const go = findOnPath('go');
  if (!go || !(await goIsRecentEnough(go))) throw new GoMissingError(build.what);

  const entry = path.dirname(build.output);
  await mkdir(path.dirname(entry), { recursive: true });
  const tmp = await mkdtemp(`${entry}.tmp-`);
  const started = Date.now();
  build.log(`Building ${build.what} with Go (first run only; a few minutes on 2 cores)...`);
  let downloaded = 0;
  // A silent terminal for minutes looks like a hang: say what is happening at least every 10 s.
  const progress = setInterval(() => {
    const elapsed = Math.round((Date.now() - started) / 1000);
    const phase = downloaded > 0 ? `${downloaded} modules downloaded, compiling` : 'compiling';
    build.log(`  ...still building ${build.what}: ${elapsed} s (${phase})`);
  }, build.progressIntervalMs ?? 10_000);
  try {
    await run(
      go,
      build.args(tmp),
      {
        cwd: build.cwd,
        env: { ...process.env, GOTOOLCHAIN: 'local', GOFLAGS: '-mod=readonly', ...build.env?.(tmp) },
      },
      (line) => {
        if (line.startsWith('go: downloading ')) downloaded++;
      },
    );
    try {
      await rename(tmp, entry);
    } catch (error) {
      // Another process finished the same build first; its result is as good as ours.
      if (!isExecutable(build.output)) throw error;
    }
  } finally {
    clearInterval(progress);
    await rm(tmp, { recursive: true, force: true });
  }
  if (!isExecutable(build.output)) throw new Error(`${build.what}: build produced no ${build.output}`);
  build.log(`Built ${build.what} in ${((Date.now() - started) / 1000).toFixed(0)} s (cached at ${entry}).`);
  return build.output;
}

async function goIsRecentEnough(go: string): Promise<boolean> {
  try {
    const out = await run(go, ['env', 'GOVERSION'], { env: { ...process.env, GOTOOLCHAIN: 'local' } });
    const match = /go(\d+)\.(\d+)/.exec(out);
    return match !== null && (Number(match[1]) > 1 || Number(match[2]) >= 25);
  } catch {
    return false;
  }
}

function run(
  cmd: string,
  args: string[],
  options: { cwd?: string; env: NodeJS.ProcessEnv },
  onStderrLine?: (line: string) => void,
): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { ...options, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => {
      const text = chunk.toString();
      if (onStderrLine) for (const line of text.split('\n')) onStderrLine(line);
      stderr = (stderr + text).slice(-20_000);
    });
    child.once('error', reject);
    child.once('close', (code) => {
      if (code === 0) resolve(stdout);
      else reject(new Error(`${cmd} ${args.join(' ')} exited with ${String(code)}:\n${stderr}`));
    });
  });
}
