import { readFile, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { findFreePort } from '@hookflow/dev-stack';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCliStack, type CliStack } from './support/cli-stack';

describe('hookflow login, how the CLI finds its server, and keys', () => {
  let stack: CliStack;
  let profileFile: string;
  /** No HOOKFLOW_URL / token in the environment: only the profile file can say where the server is. */
  let bare: Record<string, string | undefined>;

  beforeAll(async () => {
    stack = await startCliStack();
    profileFile = path.join(stack.home, 'hookflow', 'config.json');
    bare = { HOOKFLOW_URL: undefined, HOOKFLOW_ADMIN_TOKEN: undefined, HOOKFLOW_CONFIG: profileFile };
  });
  afterAll(() => stack?.close());

  it('refuses a wrong token and saves nothing', async () => {
    const result = await stack.cli(['login', '--url', stack.url], { env: bare, stdin: 'not-the-token\n' });
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/^error: unauthorized: /);
    await expect(stat(profileFile)).rejects.toThrow(/ENOENT/);
  });

  it('saves the URL and the token read from stdin in a file only the owner can read', async () => {
    const result = await stack.cli(['login', '--url', `${stack.url}/api/v1/`], {
      env: bare,
      stdin: `${stack.token}\n`,
    });
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toContain(
      `Logged in to ${stack.url}. Profile "default" saved in ${profileFile} (mode 0600).`,
    );
    expect((await stat(profileFile)).mode & 0o777).toBe(0o600);
    expect(JSON.parse(await readFile(profileFile, 'utf8'))).toEqual({
      profiles: { default: { url: stack.url, token: stack.token } },
    });

    const listed = await stack.cli(['keys', 'list'], { env: bare });
    expect(listed).toMatchObject({ code: 0, stdout: 'No API keys.\n' });
  });

  it('keeps several profiles and picks one with --profile, reading the token from a file', async () => {
    const tokenFile = path.join(stack.home, 'token');
    await writeFile(tokenFile, `${stack.token}\n`);
    const result = await stack.cli(['login', '--profile', 'other', '--url', stack.url, '--token-file', tokenFile], {
      env: bare,
    });
    expect(result.code).toBe(0);
    const saved = JSON.parse(await readFile(profileFile, 'utf8')) as { profiles: Record<string, unknown> };
    expect(Object.keys(saved.profiles).sort()).toEqual(['default', 'other']);
    expect((await stat(profileFile)).mode & 0o777).toBe(0o600);
    expect((await stack.cli(['--profile', 'other', 'keys', 'list'], { env: bare })).code).toBe(0);
    const missing = await stack.cli(['keys', 'list', '--profile', 'nobody'], { env: bare });
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain(`error: not logged in (no profile "nobody" in ${profileFile})`);
  });

  it('prefers HOOKFLOW_URL and HOOKFLOW_ADMIN_TOKEN, and never sends a profile token to another URL', async () => {
    const wrong = await stack.cli(['keys', 'list'], {
      env: { ...bare, HOOKFLOW_URL: stack.url, HOOKFLOW_ADMIN_TOKEN: 'wrong-token-0123456789abcdef0123' },
    });
    expect(wrong.code).toBe(1);
    expect(wrong.stderr).toMatch(/^error: unauthorized: /);
    const urlOnly = await stack.cli(['keys', 'list'], { env: { ...bare, HOOKFLOW_URL: stack.url } });
    expect(urlOnly.code).toBe(1);
    expect(urlOnly.stderr).toContain('HOOKFLOW_URL is set but HOOKFLOW_ADMIN_TOKEN is not');
  });

  it('says so when the server cannot be reached', async () => {
    const nobody = `http://127.0.0.1:${await findFreePort()}`;
    const result = await stack.cli(['keys', 'list'], { env: { HOOKFLOW_URL: nobody, HOOKFLOW_ADMIN_TOKEN: 'x' } });
    expect(result.code).toBe(1);
    expect(result.stderr).toBe(`error: cannot reach ${nobody}: ECONNREFUSED\n`);
  });

  it('creates a key and prints it once, lists keys without it, and revokes by name', async () => {
    const created = await stack.cli(['keys', 'create', 'billing']);
    expect(created.code).toBe(0);
    const [sentence, key, ...rest] = created.stdout.trimEnd().split('\n');
    expect(sentence).toMatch(/^Created API key "billing" \(ak_\S+\)\. The key is shown only now:$/);
    expect(key).toMatch(/^\S{20,}$/);
    expect(rest).toEqual([]);

    const listed = await stack.cli(['keys', 'list']);
    expect(listed.stdout).toMatch(/^NAME\s+ID\s+PREFIX\s+CREATED\s+LAST USED\s+REVOKED$/m);
    expect(listed.stdout).toMatch(/^billing\s+ak_\S+\s+\S+\s+\d{4}-\d\d-\d\d \d\d:\d\d:\d\dZ$/m);
    expect(listed.stdout).not.toContain(key);

    const taken = await stack.cli(['keys', 'create', 'billing']);
    expect(taken.code).toBe(1);
    expect(taken.stderr).toMatch(/^error: api_key_name_taken: /);

    const revoked = await stack.cli(['keys', 'revoke', 'billing']);
    expect(revoked.stdout).toMatch(/^Revoked API key "billing" \(ak_\S+\)\.$/m);
    const json = JSON.parse((await stack.cli(['--json', 'keys', 'list'])).stdout) as {
      items: { name: string; revokedAt: string | null }[];
    };
    expect(json.items.find((item) => item.name === 'billing')?.revokedAt).toEqual(expect.any(String));
    const again = await stack.cli(['keys', 'revoke', 'billing']);
    expect(again.code).toBe(1);
    expect(again.stderr).toBe('error: api_key_not_found: no active API key named "billing"\n');
  });
});
