import { copyFileSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { findFreePort } from '@hookflow/dev-stack';
import { npmPack, packSdk, scaffoldPluginPackage, testStack, uniqueName } from '@hookflow/dev-stack/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HookflowApi } from './support/hookflow-api';
import { assertImageExists, imageUnderTest, podman, podmanOk } from './support/podman';

const REPO_ROOT = path.resolve(__dirname, '..', '..');
const DOCKERFILE = path.join(REPO_ROOT, 'examples', 'plugin-image', 'Dockerfile');
const image = imageUnderTest();
const derived = `localhost/${uniqueName('hookflow-plugins')}:test`;
const container = uniqueName('hookflow-plugins');
const context = mkdtempSync(path.join(tmpdir(), 'hookflow-plugin-image-'));
const adminToken = randomBytes(24).toString('hex');
let api: HookflowApi;

// docs/plugins.md's recipe: a scaffolded trigger and node packed with `npm pack`, installed by the derived
// image's Dockerfile (examples/plugin-image), listed by a server started from it. Only the server: the worker
// loads plugins with the same code, and the dev-stack test runs plugins end to end.
beforeAll(async () => {
  await assertImageExists(image);
  const sdkTarball = await packSdk(context);
  for (const [name, kind] of [
    ['hookflow-trigger-acme', 'trigger'],
    ['hookflow-node-slug', 'node'],
  ] as const) {
    const plugin = await scaffoldPluginPackage({ sdkTarball, name, kind, cwd: path.join(context, 'work') });
    await npmPack(plugin.directory, context);
  }
  // The build context holds the plugins' tarballs only: not the SDK's, which the image already has.
  rmSync(sdkTarball);
  copyFileSync(DOCKERFILE, path.join(context, 'Dockerfile'));
  await podmanOk(
    [
      'build',
      '--pull=never',
      '--format',
      'docker',
      '--build-arg',
      `HOOKFLOW_IMAGE=${image}`,
      '--tag',
      derived,
      context,
    ],
    300_000,
  );

  const stack = testStack();
  const port = await findFreePort();
  const env = {
    MONGODB_URI: `${stack.mongodbUri}/${uniqueName('plugin-image')}`,
    TEMPORAL_ADDRESS: stack.temporalAddress,
    HOOKFLOW_ADMIN_TOKEN: adminToken,
    HOOKFLOW_PORT: String(port),
    HOOKFLOW_ENCRYPTION_KEY: randomBytes(32).toString('base64'),
    HOOKFLOW_PLUGINS: [
      '@hookflow/triggers-generic',
      '@hookflow/engine/nodes',
      './plugins/node_modules/hookflow-trigger-acme',
      './plugins/node_modules/hookflow-node-slug',
    ].join(','),
    LOG_LEVEL: 'warn',
  };
  const envArgs = Object.entries(env).flatMap(([key, value]) => ['--env', `${key}=${value}`]);
  await podmanOk(['run', '--detach', '--name', container, '--network', 'host', ...envArgs, derived]);
  api = new HookflowApi(`http://127.0.0.1:${port}`, adminToken);
}, 600_000);

afterAll(async () => {
  await podman(['rm', '--force', '--time', '0', container]);
  await podman(['rmi', '--force', derived]);
  rmSync(context, { recursive: true, force: true });
});

describe('an image derived with packed plugins (examples/plugin-image/Dockerfile)', () => {
  it('is the Dockerfile docs/plugins.md shows', () => {
    const docs = readFileSync(path.join(REPO_ROOT, 'docs', 'plugins.md'), 'utf8');
    expect(docs).toContain(readFileSync(DOCKERFILE, 'utf8').trim());
  });

  it('starts a server that lists the plugins trigger and node types', async () => {
    expect((await api.waitReady(60_000)).status).toBe(200);
    const triggers = await api.admin('GET', '/trigger-types');
    expect(triggers.body.items).toContainEqual(
      expect.objectContaining({ type: 'acme', source: './plugins/node_modules/hookflow-trigger-acme' }),
    );
    const nodes = await api.admin('GET', '/node-types');
    expect(nodes.body.items).toContainEqual(
      expect.objectContaining({ type: 'slug', source: './plugins/node_modules/hookflow-node-slug' }),
    );
  });
});
