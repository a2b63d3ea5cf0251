import { execFile } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readFileSync, symlinkSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

export interface CommandOutput {
  stdout: string;
  stderr: string;
}

/** `npm <args>` in `cwd`; a failure rejects with npm's own output in the message. */
export async function npm(args: readonly string[], cwd: string): Promise<CommandOutput> {
  try {
    return await run('npm', [...args], { cwd, env: { ...process.env, NO_COLOR: '1' }, maxBuffer: 16 * 1024 * 1024 });
  } catch (error) {
    const failed = error as Error & Partial<CommandOutput>;
    throw new Error(`npm ${args.join(' ')} failed in ${cwd}:\n${failed.stdout ?? ''}\n${failed.stderr ?? ''}`, {
      cause: error,
    });
  }
}

/** `npm pack` of the package in `directory` (its `prepack` script included); the tarball's path. */
export async function npmPack(directory: string, destination: string): Promise<string> {
  const { stdout } = await npm(['pack', '--json', '--pack-destination', destination], directory);
  const [packed] = JSON.parse(stdout) as { filename: string }[];
  if (!packed) throw new Error(`npm pack in ${directory} reported no tarball`);
  return path.join(destination, packed.filename);
}

/** `@hookflow/sdk` packed as it would be published: the tarball a plugin author installs. */
export function packSdk(destination: string): Promise<string> {
  return npmPack(SDK_ROOT, destination);
}

export interface ScaffoldedPlugin {
  name: string;
  kind: 'trigger' | 'node';
  /** The plugin's type (`hookflow-trigger-acme` → `acme`). */
  type: string;
  directory: string;
}

/**
 * `npx @hookflow/sdk init <name> --kind <kind>` run from the SDK tarball, then the new package's
 * `npm install` without a registry: the SDK from the tarball, TypeScript, Vitest and @types/node linked from
 * this repository at the versions the template pins (a drift fails here, naming the package).
 */
export async function scaffoldPluginPackage(options: {
  sdkTarball: string;
  name: string;
  kind: 'trigger' | 'node';
  cwd: string;
}): Promise<ScaffoldedPlugin> {
  const sdk = path.join(options.cwd, `.sdk-${options.name}`);
  mkdirSync(sdk, { recursive: true });
  await run('tar', ['-xzf', options.sdkTarball, '-C', sdk]);
  const packedSdk = path.join(sdk, 'package');
  const { stdout } = await run(
    process.execPath,
    [path.join(packedSdk, 'bin', 'hookflow-sdk.js'), 'init', options.name, '--kind', options.kind],
    { cwd: options.cwd },
  );
  const type = /plugin "([^"]+)"/.exec(stdout)?.[1];
  if (type === undefined) throw new Error(`hookflow-sdk init printed no plugin type:\n${stdout}`);
  const directory = path.join(options.cwd, options.name.replace(/^@[^/]+\//, ''));

  const modules = path.join(directory, 'node_modules');
  cpSync(packedSdk, path.join(modules, '@hookflow', 'sdk'), { recursive: true });
  const manifest = (dir: string) => JSON.parse(readFileSync(path.join(dir, 'package.json'), 'utf8')) as Manifest;
  const pinned = { ...manifest(directory).devDependencies, ...manifest(packedSdk).dependencies };
  delete pinned['@hookflow/sdk'];
  for (const [name, version] of Object.entries(pinned)) {
    const installed = installedPackage(name, SDK_ROOT);
    const found = manifest(installed);
    if (found.version !== version) {
      throw new Error(`${name} ${version} is pinned, this repository has ${found.version}: update the plugin template`);
    }
    linkInto(modules, name, installed);
    for (const [bin, file] of Object.entries(binsOf(found)))
      linkInto(path.join(modules, '.bin'), bin, path.join(installed, file));
  }
  return { name: options.name, kind: options.kind, type, directory };
}

interface Manifest {
  version: string;
  bin?: string | Record<string, string>;
  dependencies?: Record<string, string>;
  devDependencies?: Record<string, string>;
}

const SDK_ROOT = path.dirname(require.resolve('@hookflow/sdk/package.json'));

/** Where Node would find package `name` from `directory` (not every package exports its package.json). */
function installedPackage(name: string, directory: string): string {
  for (let dir = directory; ; dir = path.dirname(dir)) {
    const candidate = path.join(dir, 'node_modules', name);
    if (existsSync(path.join(candidate, 'package.json'))) return candidate;
    if (path.dirname(dir) === dir) throw new Error(`${name} is not installed above ${directory}`);
  }
}

function binsOf(manifest: Manifest & { name?: string }): Record<string, string> {
  if (typeof manifest.bin === 'string') return { [manifest.name ?? '']: manifest.bin };
  return manifest.bin ?? {};
}

function linkInto(directory: string, name: string, target: string): void {
  const link = path.join(directory, name);
  mkdirSync(path.dirname(link), { recursive: true });
  symlinkSync(target, link);
}
