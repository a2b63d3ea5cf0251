import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { npm, npmPack, packSdk, scaffoldPluginPackage, uniqueName } from '@hookflow/dev-stack/testing';
import { REPO_ROOT } from '../src/docs-location';
import { startTestHookflowProcesses, type HookflowProcesses } from '../src/stack/hookflow-processes';

const run = promisify(execFile);

// docs/plugins.md, "Packaging a plugin": scaffolded plugins packed with `npm pack`, installed into a `plugins`
// folder of the directory Hookflow starts from, listed in HOOKFLOW_PLUGINS of a real server and worker.
describe('packed plugins installed next to Hookflow in the dev stack', () => {
  const scratch = mkdtempSync(path.join(tmpdir(), 'hookflow-packed-plugin-'));
  // Below the repository, as `plugins/` would be; .hookflow/ is where the dev stack keeps its data.
  const pluginsDir = path.join(REPO_ROOT, '.hookflow', uniqueName('plugins'));
  const modules = `./${path.relative(REPO_ROOT, path.join(pluginsDir, 'node_modules'))}`;
  let hookflow: HookflowProcesses;

  const api = async <T>(route: string, init: { method?: string; json?: unknown } = {}): Promise<T> => {
    const response = await fetch(`${hookflow.baseUrl}/api/v1${route}`, {
      method: init.method ?? 'GET',
      headers: { authorization: `Bearer ${hookflow.adminToken}`, 'content-type': 'application/json' },
      ...(init.json !== undefined ? { body: JSON.stringify(init.json) } : {}),
    });
    expect(response.ok, `${route}: ${response.status} ${await response.clone().text()}`).toBe(true);
    return (await response.json()) as T;
  };

  beforeAll(async () => {
    const sdkTarball = await packSdk(scratch);
    const tarballs: string[] = [];
    for (const [name, kind] of [
      ['hookflow-trigger-acme', 'trigger'],
      ['hookflow-node-slug', 'node'],
    ] as const) {
      const plugin = await scaffoldPluginPackage({ sdkTarball, name, kind, cwd: scratch });
      tarballs.push(await npmPack(plugin.directory, scratch));
    }
    mkdirSync(pluginsDir, { recursive: true });
    // The documented command; --offline proves the packed plugins need nothing from a registry.
    await npm(
      [
        'install',
        '--prefix',
        pluginsDir,
        '--omit=dev',
        '--legacy-peer-deps',
        '--offline',
        '--no-audit',
        '--no-fund',
        ...tarballs,
      ],
      scratch,
    );
    // The folder also gets its own @hookflow/sdk, as a plugin bringing its own copy would: the plugins then run
    // against another copy than the server's, whose errors must still be recognised.
    const ownSdk = path.join(pluginsDir, 'node_modules', '@hookflow', 'sdk');
    mkdirSync(ownSdk, { recursive: true });
    await run('tar', ['-xzf', sdkTarball, '-C', ownSdk, '--strip-components=1']);

    hookflow = await startTestHookflowProcesses('packed-plugin', {
      cwd: REPO_ROOT,
      env: {
        HOOKFLOW_PLUGINS: [
          '@hookflow/triggers-generic',
          '@hookflow/engine/nodes',
          `${modules}/hookflow-trigger-acme`,
          `${modules}/hookflow-node-slug`,
        ].join(','),
      },
    });
  }, 240_000);

  afterAll(async () => {
    await hookflow?.stop();
    rmSync(scratch, { recursive: true, force: true });
    rmSync(pluginsDir, { recursive: true, force: true });
  });

  it('lists the trigger type and the node type, each from its installed package', async () => {
    const triggers = await api<{ items: { type: string; source: string }[] }>('/trigger-types');
    expect(triggers.items).toContainEqual(
      expect.objectContaining({ type: 'acme', source: `${modules}/hookflow-trigger-acme` }),
    );
    const nodes = await api<{ items: { type: string; source: string }[] }>('/node-types');
    expect(nodes.items).toContainEqual(
      expect.objectContaining({ type: 'slug', source: `${modules}/hookflow-node-slug` }),
    );
  });

  it('runs a webhook through both: accepted, refused with the plugin 4xx, failed at once without retry', async () => {
    const key = await api<{ key: string; name: string }>('/api-keys', {
      method: 'POST',
      json: { name: uniqueName('acme') },
    });
    const workflow = await api<{ id: string; webhookUrl: string }>('/workflows', {
      method: 'POST',
      json: {
        name: uniqueName('packed'),
        trigger: { type: 'acme', apiKeyName: key.name, config: {} },
        nodes: [{ id: 'slug', type: 'slug', params: { text: '{{ $trigger.data.title }}' } }],
        edges: [],
      },
    });
    const post = async (body: unknown) => {
      const response = await fetch(workflow.webhookUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-api-key': key.key },
        body: JSON.stringify(body),
      });
      return { status: response.status, body: (await response.json()) as Record<string, unknown> };
    };
    const finished = async (executionId: string) => {
      type Execution = { status: string; nodes: Record<string, unknown> };
      let execution: Execution | undefined;
      await expect
        .poll(
          async () => {
            const current = await api<Execution>(`/executions/${encodeURIComponent(executionId)}`);
            execution = current;
            return current.status;
          },
          { timeout: 60_000, interval: 250 },
        )
        .not.toBe('running');
      return execution!;
    };

    const accepted = await post({ id: 'evt-1', type: 'post.published', data: { title: 'Hello, Hookflow!' } });
    expect(accepted).toEqual({ status: 202, body: { executionId: `${workflow.id}:evt-1`, status: 'accepted' } });
    expect(await finished(`${workflow.id}:evt-1`)).toMatchObject({
      status: 'completed',
      nodes: { slug: { status: 'succeeded', output: { slug: 'hello-hookflow' }, attempts: 1 } },
    });

    // A TriggerError(400) of the plugin's own SDK copy: answered as such, not as a 500.
    expect(await post({ data: {} })).toMatchObject({ status: 400, body: { error: { code: 'invalid_payload' } } });

    // A NodeError({ retryable: false }) of the plugin's own SDK copy: one attempt, not the default three.
    expect((await post({ id: 'evt-2', type: 'post.published', data: { title: '!!!' } })).status).toBe(202);
    expect(await finished(`${workflow.id}:evt-2`)).toMatchObject({
      status: 'failed',
      nodes: { slug: { status: 'failed', attempts: 1, error: { code: 'empty_slug' } } },
    });
  });
});
