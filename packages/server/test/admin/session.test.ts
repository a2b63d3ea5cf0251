import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SessionTokens } from '../../src/session/session-token';
import type { TestServer } from '../support/test-server';
import { body, expectError, startAdminServer, type ApiKeyJson, type ItemsJson } from './admin-fixtures';

const CSRF = { 'x-hookflow-csrf': '1' };

/** Console sign-in: the admin token exchanged for an HttpOnly, SameSite=Strict cookie; CSRF header on writes. */
describe('admin API: console session', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startAdminServer({ worker: false });
  });
  afterAll(() => server.close());

  const url = (path: string) => `${server.baseUrl}/api/v1${path}`;

  function signIn(token: string, headers: Record<string, string> = {}): Promise<Response> {
    return fetch(url('/session'), {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify({ token }),
    });
  }

  /** `name=value` of the session cookie a sign-in answered. */
  async function sessionCookie(): Promise<string> {
    const response = await signIn(server.adminToken);
    expect(response.status).toBe(204);
    return response.headers.getSetCookie()[0]!.split(';')[0]!;
  }

  it('sets an HttpOnly, SameSite=Strict cookie scoped to the API that never carries the token', async () => {
    const response = await signIn(server.adminToken);
    expect(response.status).toBe(204);
    expect(response.headers.get('cache-control')).toBe('no-store');
    const cookies = response.headers.getSetCookie();
    expect(cookies).toHaveLength(1);
    const attributes = cookies[0]!.split(';').map((part) => part.trim());
    expect(attributes[0]).toMatch(/^hookflow_session=[0-9]+\.[A-Za-z0-9_-]{22}\.[A-Za-z0-9_-]{43}$/);
    expect(attributes).toEqual(expect.arrayContaining(['HttpOnly', 'SameSite=Strict', 'Path=/api/v1']));
    const maxAge = Number(/^Max-Age=([0-9]+)$/.exec(attributes.find((a) => a.startsWith('Max-Age=')) ?? '')?.[1]);
    // 12 hours, less the second the issue time is rounded down by.
    expect(maxAge).toBeGreaterThan(43_190);
    expect(maxAge).toBeLessThanOrEqual(43_200);
    // Plain http (no proxy saying otherwise): a Secure cookie would never be sent back.
    expect(attributes).not.toContain('Secure');
    expect(cookies[0]).not.toContain(server.adminToken);
  });

  it('marks the cookie Secure behind https', async () => {
    // The test server trusts its loopback proxy, as a TLS-terminating proxy on the same host would be.
    const response = await signIn(server.adminToken, { 'x-forwarded-proto': 'https' });
    expect(response.status).toBe(204);
    expect(
      response.headers
        .getSetCookie()[0]!
        .split(';')
        .map((part) => part.trim()),
    ).toContain('Secure');
  });

  it('refuses a wrong token with 401 and a malformed body with 400, setting no cookie', async () => {
    const wrong = await signIn(`${server.adminToken}x`);
    await expectError(wrong, 401, 'unauthorized');
    expect(wrong.headers.getSetCookie()).toEqual([]);
    await expectError(
      fetch(url('/session'), { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' }),
      400,
      'invalid_request',
    );
    await expectError(
      fetch(url('/session'), {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ token: 'x'.repeat(8000) }),
      }),
      413,
      'payload_too_large',
    );
  });

  it('reads with the cookie alone; writes with it need the CSRF header (403 and nothing changes without)', async () => {
    const cookie = await sessionCookie();
    const list = await fetch(url('/api-keys'), { headers: { cookie } });
    expect(list.status).toBe(200);

    const refused = await fetch(url('/api-keys'), {
      method: 'POST',
      headers: { cookie, 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'csrf-victim' }),
    });
    await expectError(refused, 403, 'csrf_header_required');
    const after = await body<ItemsJson<ApiKeyJson>>(await server.admin('/api-keys'));
    expect(after.items.map((key) => key.name)).not.toContain('csrf-victim');

    const created = await fetch(url('/api-keys'), {
      method: 'POST',
      headers: { cookie, 'content-type': 'application/json', ...CSRF },
      body: JSON.stringify({ name: 'console-made' }),
    });
    expect(created.status).toBe(201);
  });

  it('keeps bearer auth working without any CSRF header; a bearer header decides alone', async () => {
    const created = await server.admin('/api-keys', { method: 'POST', json: { name: 'bearer-made' } });
    expect(created.status).toBe(201);
    const cookie = await sessionCookie();
    const wrongBearer = await fetch(url('/api-keys'), { headers: { cookie, authorization: 'Bearer nope' } });
    await expectError(wrongBearer, 401, 'unauthorized');
  });

  it('refuses forged, tampered, foreign and expired cookies', async () => {
    const cookie = await sessionCookie();
    const [name, value] = cookie.split('=') as [string, string];
    const tampered = `${name}=${value.slice(0, -1)}${value.endsWith('A') ? 'B' : 'A'}`;
    const foreign = `${name}=${new SessionTokens('another-admin-token').issue().value}`;
    const expired = `${name}=${new SessionTokens(server.adminToken).issue(new Date(Date.now() - 13 * 3600_000)).value}`;
    for (const bad of [tampered, foreign, expired, `${name}=${server.adminToken}`, `${cookie}; ${cookie}`]) {
      await expectError(fetch(url('/api-keys'), { headers: { cookie: bad } }), 401, 'unauthorized');
    }
  });

  it('signs out: DELETE clears the cookie, and needs the CSRF header', async () => {
    await expectError(fetch(url('/session'), { method: 'DELETE' }), 403, 'csrf_header_required');
    const response = await fetch(url('/session'), { method: 'DELETE', headers: CSRF });
    expect(response.status).toBe(204);
    const cleared = response.headers.getSetCookie()[0]!;
    expect(cleared).toMatch(/^hookflow_session=;/);
    expect(cleared).toContain('Expires=Thu, 01 Jan 1970');
    expect(cleared).toContain('Path=/api/v1');
  });

  it('answers other methods on /session with 405', async () => {
    const response = await fetch(url('/session'));
    await expectError(response, 405, 'method_not_allowed');
    expect(response.headers.get('allow')).toBe('POST, DELETE');
  });
});
