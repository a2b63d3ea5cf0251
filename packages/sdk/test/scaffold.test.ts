import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { npm, npmPack, packSdk, scaffoldPluginPackage } from '@hookflow/dev-stack/testing';

const run = promisify(execFile);

// `npx @hookflow/sdk init` as a plugin author runs it: from the packed SDK, into an empty directory, then the
// new package's own `npm test` and `npm pack`.
describe('npx @hookflow/sdk init <name> --kind trigger|node', () => {
  const workDir = mkdtempSync(path.join(tmpdir(), 'hookflow-scaffold-'));
  let sdkTarball: string;
  beforeAll(async () => {
    sdkTarball = await packSdk(workDir);
  });
  afterAll(() => rmSync(workDir, { recursive: true, force: true }));

  it.each([
    { kind: 'trigger', name: 'hookflow-trigger-acme', type: 'acme', tests: 4 },
    { kind: 'node', name: 'hookflow-node-slug', type: 'slug', tests: 3 },
  ] as const)(
    'makes a $kind plugin package whose own test passes and that packs',
    async ({ kind, name, type, tests }) => {
      const plugin = await scaffoldPluginPackage({ sdkTarball, name, kind, cwd: workDir });
      expect(plugin.type).toBe(type);
      const manifest = JSON.parse(readFileSync(path.join(plugin.directory, 'package.json'), 'utf8')) as Record<
        string,
        Record<string, string>
      >;
      // Hookflow provides the SDK at run time: the packed plugin depends on nothing it would have to download.
      expect(manifest.dependencies).toBeUndefined();
      expect(manifest.peerDependencies).toEqual({ '@hookflow/sdk': '^0.1.0' });
      expect(readFileSync(path.join(plugin.directory, 'src', 'index.ts'), 'utf8')).toContain(`type: '${type}'`);

      const { stdout } = await npm(['test'], plugin.directory);
      expect(stdout).toMatch(new RegExp(`Tests\\s+${tests} passed \\(${tests}\\)`));

      const tarball = await npmPack(plugin.directory, workDir);
      const { stdout: listing } = await run('tar', ['-tzf', tarball]);
      expect(listing.split('\n').filter(Boolean).sort()).toEqual([
        'package/README.md',
        'package/dist/index.d.ts',
        'package/dist/index.js',
        'package/package.json',
      ]);
    },
  );

  it('refuses a name npm would refuse, an invalid type and a non-empty directory, with exit code 2', async () => {
    const bin = path.join(__dirname, '..', 'bin', 'hookflow-sdk.js');
    const init = (...args: string[]) => run(process.execPath, [bin, 'init', ...args], { cwd: workDir });
    const refused = (message: string) => ({ code: 2, stderr: expect.stringContaining(message) as string });
    await expect(init('Acme', '--kind', 'trigger')).rejects.toMatchObject(refused('not a valid npm package name'));
    await expect(init('acme', '--kind', 'trigger', '--type', 'Acme_Events')).rejects.toMatchObject(
      refused('not a valid trigger type'),
    );
    await expect(init('acme', '--kind', 'webhook')).rejects.toMatchObject(
      refused('--kind must be "trigger" or "node"'),
    );
    await init('taken', '--kind', 'node');
    await expect(init('taken', '--kind', 'node')).rejects.toMatchObject(refused('exists and is not empty'));
  });
});
