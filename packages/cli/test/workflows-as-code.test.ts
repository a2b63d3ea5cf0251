import { cp, mkdir, mkdtemp, readFile, readdir, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { parse } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPO_ROOT, startCliStack, type CliStack } from './support/cli-stack';
import { WITH_HMAC_TRIGGER } from './support/example-plugins';

const EXAMPLES = 'examples/workflows';
const EXAMPLE_NAMES = ['alarm-fan-out', 'order-alert', 'refund-approval'];

interface Workflow {
  id: string;
  enabled: boolean;
  name: string;
  version: number;
  trigger: { config: Record<string, unknown> };
  nodes: { id: string; params: Record<string, unknown> }[];
}

/** Result rows of `apply` as `name → result`. */
function results(stdout: string): Record<string, string> {
  const rows = stdout.split('\n').filter((line) => /^(created|updated|unchanged) /.test(line));
  return Object.fromEntries(
    rows.map((line): [string, string] => {
      const [result = '', name = ''] = line.split(/\s+/);
      return [name, result];
    }),
  );
}

describe('hookflow apply / export / validate', () => {
  let stack: CliStack;
  let scratch: string;

  beforeAll(async () => {
    stack = await startCliStack({ env: WITH_HMAC_TRIGGER });
    scratch = await mkdtemp(path.join(os.tmpdir(), 'hookflow-cli-files-'));
    for (const key of ['shop', 'aws-alarms']) expect((await stack.cli(['keys', 'create', key])).code).toBe(0);
  });
  afterAll(() => stack?.close());

  const workflow = async (name: string): Promise<Workflow> => {
    const { items } = await stack.admin<{ items: { id: string; name: string }[] }>('/workflows');
    const found = items.find((item) => item.name === name);
    if (!found) throw new Error(`no workflow ${name}`);
    return stack.admin<Workflow>(`/workflows/${found.id}`);
  };

  it('creates the example workflows, then finds them unchanged', async () => {
    const first = await stack.cli(['apply', '-f', EXAMPLES]);
    expect(first.stderr).toBe('');
    expect(first.code).toBe(0);
    expect(results(first.stdout)).toEqual(Object.fromEntries(EXAMPLE_NAMES.map((name) => [name, 'created'])));
    expect(first.stdout).toContain('3 created');

    const second = await stack.cli(['apply', '-f', EXAMPLES]);
    expect(second.code).toBe(0);
    expect(results(second.stdout)).toEqual(Object.fromEntries(EXAMPLE_NAMES.map((name) => [name, 'unchanged'])));
    for (const name of EXAMPLE_NAMES) expect((await workflow(name)).version).toBe(1);
  });

  it('exports YAML that apply accepts unchanged, with the same definitions as the source files', async () => {
    const out = path.join(scratch, 'exported');
    const exported = await stack.cli(['export', '-o', out]);
    expect(exported.code).toBe(0);
    expect((await readdir(out)).sort()).toEqual(EXAMPLE_NAMES.map((name) => `${name}.yaml`));
    for (const name of EXAMPLE_NAMES) {
      const source = parse(await readFile(path.join(REPO_ROOT, EXAMPLES, `${name}.yaml`), 'utf8')) as unknown;
      expect(parse(await readFile(path.join(out, `${name}.yaml`), 'utf8'))).toEqual(source);
    }

    const reapplied = await stack.cli(['apply', '-f', out]);
    expect(reapplied.code).toBe(0);
    expect(results(reapplied.stdout)).toEqual(Object.fromEntries(EXAMPLE_NAMES.map((name) => [name, 'unchanged'])));
  });

  it('shows a dry run as a diff and changes nothing; the real apply then saves one new version', async () => {
    const dir = path.join(scratch, 'edited');
    await cp(path.join(REPO_ROOT, EXAMPLES), dir, { recursive: true });
    const file = path.join(dir, 'order-alert.yaml');
    const text = await readFile(file, 'utf8');
    await writeFile(file, text.replace('http://shop.internal/alerts', 'http://shop.internal/big-orders'));

    const dryRun = await stack.cli(['apply', '-f', dir, '--dry-run']);
    expect(dryRun.code).toBe(0);
    expect(dryRun.stdout).toMatch(/^update\s+order-alert\s+1 → 2/m);
    expect(dryRun.stdout).toMatch(/^unchanged\s+refund-approval\s+1/m);
    expect(dryRun.stdout).toContain(
      '-      url: http://shop.internal/alerts\n+      url: http://shop.internal/big-orders',
    );
    expect(dryRun.stdout).toContain('Dry run: nothing was changed.');
    const untouched = await workflow('order-alert');
    expect(untouched.version).toBe(1);
    expect(untouched.nodes[1]!.params.url).toBe('http://shop.internal/alerts');

    const applied = await stack.cli(['apply', '-f', dir]);
    expect(results(applied.stdout)).toMatchObject({ 'order-alert': 'updated', 'refund-approval': 'unchanged' });
    const updated = await workflow('order-alert');
    expect(updated.version).toBe(2);
    expect(updated.nodes[1]!.params.url).toBe('http://shop.internal/big-orders');
    expect(results((await stack.cli(['apply', '-f', dir])).stdout)['order-alert']).toBe('unchanged');
  });

  it('fails validate on a broken file with exit 1, naming the file and the path of each problem', async () => {
    const broken = path.join(scratch, 'broken.yaml');
    const text = await readFile(path.join(REPO_ROOT, EXAMPLES, 'order-alert.yaml'), 'utf8');
    await writeFile(
      broken,
      text.replace('type: log', 'type: no-such-node').replace('name: order-alert', 'name: broken'),
    );

    const result = await stack.cli(['validate', '-f', broken, path.join(REPO_ROOT, EXAMPLES, 'refund-approval.yaml')]);
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(/^invalid\s+broken/m);
    expect(result.stdout).toMatch(/^valid\s+refund-approval/m);
    expect(result.stderr).toMatch(/^error: invalid_workflow: 1 of 2 workflows are invalid/m);
    expect(result.stderr).toMatch(/broken\.yaml: \/nodes\/2\/type: /);
  });

  it('applies nothing when one file is invalid, and says which API key is missing', async () => {
    const dir = path.join(scratch, 'missing-key');
    await mkdir(dir);
    const text = await readFile(path.join(REPO_ROOT, EXAMPLES, 'order-alert.yaml'), 'utf8');
    await cp(path.join(REPO_ROOT, EXAMPLES, 'refund-approval.yaml'), path.join(dir, 'a.yaml'));
    await writeFile(
      path.join(dir, 'b.yaml'),
      text.replace('name: order-alert', 'name: partner-orders').replace('apiKeyName: shop', 'apiKeyName: partner'),
    );

    const result = await stack.cli(['apply', '-f', dir]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('nothing was applied');
    expect(result.stderr).toMatch(/b\.yaml: \/trigger\/apiKeyName: .*\(create it: hookflow keys create partner\)/);
    const { items } = await stack.admin<{ items: { name: string }[] }>('/workflows');
    expect(items.map((item) => item.name)).not.toContain('partner-orders');
  });

  it('leaves write-only secrets out of exports, says so, and keeps the stored secret on apply', async () => {
    const dir = path.join(scratch, 'secret');
    await mkdir(dir);
    const source = path.join(dir, 'signed.yaml');
    await cp(path.join(REPO_ROOT, EXAMPLES, 'order-alert.yaml'), source);
    const secret = 'a-shared-secret-0123456789';
    const text = (await readFile(source, 'utf8'))
      .replace('name: order-alert', 'name: signed-orders')
      .replace('type: generic-webhook', 'type: hmac-echo')
      .replace('config: {}', `config:\n    secret: ${secret}`);
    await writeFile(source, text);
    expect(results((await stack.cli(['apply', '-f', source])).stdout)).toEqual({ 'signed-orders': 'created' });

    const out = path.join(dir, 'exported');
    const exported = await stack.cli(['export', 'signed-orders', '-o', out]);
    expect(exported.stdout).toMatch(/signed-orders\s+\S+signed-orders\.yaml\s+trigger\.config\.secret/);
    const file = await readFile(path.join(out, 'signed-orders.yaml'), 'utf8');
    expect(file).not.toContain(secret);
    expect(file).not.toContain('[redacted]');
    expect(file).toContain('# trigger.config.secret is write-only and not exported: apply keeps the stored value');

    const reapplied = await stack.cli(['apply', '-f', path.join(out, 'signed-orders.yaml')]);
    expect(results(reapplied.stdout)).toEqual({ 'signed-orders': 'unchanged' });
    // An edit elsewhere saves a new version that still has the secret (the server refuses one without it).
    await writeFile(path.join(out, 'signed-orders.yaml'), file.replace('small order', 'a small order'));
    const dryRun = await stack.cli(['apply', '-f', out, '--dry-run']);
    expect(dryRun.stdout).not.toContain(secret);
    const edited = await stack.cli(['apply', '-f', out]);
    expect(edited.stderr).toBe('');
    expect(results(edited.stdout)).toEqual({ 'signed-orders': 'updated' });
    expect((await workflow('signed-orders')).trigger.config).toEqual({ secret: '[redacted]' });
  });

  it('reads several workflows from one file, and sets enabled without a new version', async () => {
    const text = await readFile(path.join(REPO_ROOT, EXAMPLES, 'order-alert.yaml'), 'utf8');
    const file = path.join(scratch, 'two.yaml');
    const paused = text.replace('name: order-alert', 'name: paused-orders\nenabled: false');
    await writeFile(file, `${paused}---\n${text.replace('name: order-alert', 'name: other-orders')}`);

    const created = await stack.cli(['apply', '-f', file]);
    expect(created.stdout).toMatch(/^created\s+paused-orders\s+1\s+\S+two\.yaml#1$/m);
    expect(created.stdout).toMatch(/^created\s+other-orders\s+1\s+\S+two\.yaml#2$/m);
    expect(await workflow('paused-orders')).toMatchObject({ version: 1, enabled: false });

    const out = path.join(scratch, 'paused');
    await stack.cli(['export', 'paused-orders', '-o', out]);
    const exported = await readFile(path.join(out, 'paused-orders.yaml'), 'utf8');
    expect(exported).toMatch(/^name: paused-orders\ndescription: .*\nenabled: false\n/m);
    expect(results((await stack.cli(['apply', '-f', out])).stdout)).toEqual({ 'paused-orders': 'unchanged' });

    await writeFile(path.join(out, 'paused-orders.yaml'), exported.replace('enabled: false', 'enabled: true'));
    const dryRun = await stack.cli(['apply', '-f', out, '--dry-run']);
    expect(dryRun.stdout).toMatch(/^update\s+paused-orders\s+1\s/m);
    expect(dryRun.stdout).toContain('~ paused-orders: enabled false → true');
    expect(results((await stack.cli(['apply', '-f', out])).stdout)).toEqual({ 'paused-orders': 'updated' });
    expect(await workflow('paused-orders')).toMatchObject({ version: 1, enabled: true });
  });

  it('reports an unreadable file and a usage error with exit 2', async () => {
    const missing = await stack.cli(['apply', '-f', path.join(scratch, 'nope.yaml')]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('nope.yaml: no such file or directory');
    const noFile = await stack.cli(['apply']);
    expect(noFile.code).toBe(2);
    expect(noFile.stderr).toContain("required option '-f, --file <path...>' not specified");
  });
});
