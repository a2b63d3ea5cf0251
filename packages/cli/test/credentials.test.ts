import { randomBytes } from 'node:crypto';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { uniqueName } from '@hookflow/dev-stack/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPO_ROOT, startCliStack, type CliStack } from './support/cli-stack';

const SECRET = 'pager-secret-0123456789';
const ROTATED = 'pager-secret-rotated-9876543210';
const newKey = () => randomBytes(32).toString('base64');

describe('hookflow credentials and reencrypt', () => {
  const database = uniqueName('cli-credentials');
  const oldKey = newKey();
  let stack: CliStack;
  let scratch: string;

  beforeAll(async () => {
    stack = await startCliStack({ database, env: { HOOKFLOW_ENCRYPTION_KEY: oldKey } });
    scratch = await mkdtemp(path.join(os.tmpdir(), 'hookflow-cli-credentials-'));
    for (const key of ['shop', 'aws-alarms']) expect((await stack.cli(['keys', 'create', key])).code).toBe(0);
  });
  afterAll(async () => {
    await stack?.close();
    if (scratch) await rm(scratch, { recursive: true, force: true });
  });

  /** The alarm fan-out, its pager call authenticated with the credential `name`. */
  async function fanOutFile(name: string, credential: string): Promise<string> {
    const text = await readFile(path.join(REPO_ROOT, 'examples/workflows/alarm-fan-out.yaml'), 'utf8');
    const file = path.join(scratch, `${name}.yaml`);
    await writeFile(
      file,
      text
        .replace('name: alarm-fan-out', `name: ${name}`)
        .replace(
          '    type: http.request\n    retry:',
          `    type: http.request\n    credential: ${credential}\n    retry:`,
        ),
    );
    return file;
  }

  it('stores values read from stdin, and never prints them', async () => {
    const created = await stack.cli(['credentials', 'set', 'pager-token', '--type', 'bearer'], {
      stdin: JSON.stringify({ token: SECRET }),
    });
    expect(created).toEqual({ code: 0, stdout: 'Created credential "pager-token" (bearer: token).\n', stderr: '' });
    const listed = await stack.cli(['credentials', 'list']);
    expect(listed.stdout).toMatch(/^NAME\s+TYPE\s+FIELDS\s+UPDATED\s+USED BY$/m);
    expect(listed.stdout).toMatch(/^pager-token\s+bearer\s+token\s+\d{4}-\d\d-\d\d \d\d:\d\d:\d\dZ$/m);
    const json = await stack.cli(['--json', 'credentials', 'list']);
    expect(`${listed.stdout}${json.stdout}`).not.toContain(SECRET);
  });

  it('resolves a node credential by name on apply, and names a missing one with the command that creates it', async () => {
    const missing = await stack.cli(['apply', '-f', await fanOutFile('pager-missing', 'pager-tokn')]);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(
      /pager-missing\.yaml: \/nodes\/3\/credential: .*"pager-tokn".* \(create it: hookflow credentials set pager-tokn --type <type>\)/,
    );

    const applied = await stack.cli(['apply', '-f', await fanOutFile('paged-alarms', 'pager-token')]);
    expect(applied.stdout).toMatch(/^created\s+paged-alarms\s+1/m);
    expect((await stack.cli(['credentials', 'list'])).stdout).toMatch(/^pager-token\s.*\spaged-alarms$/m);

    const refused = await stack.cli(['credentials', 'delete', 'pager-token']);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/^error: credential_in_use: .*\n {2}\/usedBy: used by workflow paged-alarms\n$/);
  });

  it('rotates the values of an existing credential from a file, keeping its type', async () => {
    const file = path.join(scratch, 'rotated.yaml');
    await writeFile(file, `token: ${ROTATED}\n`);
    const rotated = await stack.cli(['credentials', 'set', 'pager-token', '--from-file', file]);
    expect(rotated).toEqual({ code: 0, stdout: 'Rotated credential "pager-token" (bearer: token).\n', stderr: '' });

    const retyped = await stack.cli(['credentials', 'set', 'pager-token', '--type', 'basic'], { stdin: '{}' });
    expect(retyped.code).toBe(2);
    expect(retyped.stderr).toContain('credential "pager-token" is of type bearer; to change the type, delete it');
    const untyped = await stack.cli(['credentials', 'set', 'new-one'], { stdin: '{"token":"x"}' });
    expect(untyped.code).toBe(2);
    expect(untyped.stderr).toContain('--type is needed to create credential "new-one"');
    const invalid = await stack.cli(['credentials', 'set', 'new-one', '--type', 'bearer'], { stdin: '{"tokn":"x"}' });
    expect(invalid.code).toBe(1);
    expect(invalid.stderr).toMatch(/^error: invalid_credential: /);
  });

  it('deletes a credential no workflow uses', async () => {
    expect(
      (await stack.cli(['credentials', 'set', 'spare', '--type', 'bearer'], { stdin: '{"token":"t"}' })).code,
    ).toBe(0);
    expect(await stack.cli(['credentials', 'delete', 'spare'])).toMatchObject({
      code: 0,
      stdout: 'Deleted credential "spare".\n',
    });
    const gone = await stack.cli(['credentials', 'delete', 'spare']);
    expect(gone).toMatchObject({ code: 1, stderr: 'error: credential_not_found: no credential named "spare"\n' });
  });

  it('re-encrypts every credential under a new key after a key rotation', async () => {
    await stack.close();
    const newer = newKey();
    stack = await startCliStack({
      database,
      env: { HOOKFLOW_ENCRYPTION_KEY: newer, HOOKFLOW_ENCRYPTION_KEY_PREVIOUS: oldKey },
    });
    const first = await stack.cli(['reencrypt']);
    expect(first).toEqual({
      code: 0,
      stdout: 'Re-encrypted 1 of 1 credentials; 0 were already under the current key.\n',
      stderr: '',
    });
    const again = await stack.cli(['--json', 'reencrypt']);
    expect(JSON.parse(again.stdout)).toEqual({ total: 1, reencrypted: 0, alreadyCurrent: 1, failed: [] });
  });
});
