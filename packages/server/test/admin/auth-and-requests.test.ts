import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestServer } from '../support/test-server';
import { body, expectError, startAdminServer, type ItemsJson, type ApiKeyJson } from './admin-fixtures';

/** What every admin route shares: the bearer token, JSON bodies, the error envelope, 404/405. */
describe('admin API: authentication and request handling', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startAdminServer({ worker: false });
  });
  afterAll(() => server.close());

  const url = (path: string) => `${server.baseUrl}/api/v1${path}`;

  it('answers 401 unauthorized without a token, with a wrong one, or with another scheme', async () => {
    const attempts: Record<string, string>[] = [
      {},
      { authorization: 'Bearer wrong-token-of-some-length' },
      { authorization: `Bearer ${server.adminToken}x` },
      { authorization: `Basic ${Buffer.from(`admin:${server.adminToken}`).toString('base64')}` },
      { authorization: server.adminToken },
    ];
    for (const headers of attempts) {
      const response = await fetch(url('/api-keys'), { headers });
      await expectError(response, 401, 'unauthorized');
      expect(response.headers.get('www-authenticate')).toMatch(/^Bearer/);
    }
  });

  it('checks the token before anything else: no body parsing, no 404 or 405 for anonymous callers', async () => {
    await expectError(fetch(url('/nope')), 401, 'unauthorized');
    await expectError(fetch(url('/api-keys'), { method: 'PATCH' }), 401, 'unauthorized');
    const response = await fetch(url('/api-keys'), {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{not json',
    });
    await expectError(response, 401, 'unauthorized');
  });

  it('accepts the token with any case of "Bearer" and sets helmet headers', async () => {
    const response = await fetch(url('/api-keys'), { headers: { authorization: `bearer ${server.adminToken}` } });
    expect(response.status).toBe(200);
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
  });

  it('answers unknown admin routes 404 not_found and wrong methods 405 with Allow', async () => {
    await expectError(server.admin('/nope'), 404, 'not_found');

    const wrong = await server.admin('/api-keys', { method: 'PUT', json: {} });
    await expectError(wrong, 405, 'method_not_allowed');
    expect(wrong.headers.get('allow')).toBe('POST, GET, HEAD');

    const onItem = await server.admin('/workflows/wf_x', { method: 'POST', json: {} });
    await expectError(onItem, 405, 'method_not_allowed');
    expect(onItem.headers.get('allow')).toBe('GET, PUT, PATCH, DELETE, HEAD');

    const onCancel = await server.admin('/executions/a:b/cancel');
    expect(onCancel.headers.get('allow')).toBe('POST');
    await expectError(onCancel, 405, 'method_not_allowed');
  });

  it('answers 400 invalid_request for a path that is not valid percent-encoding', async () => {
    await expectError(server.admin('/workflows/%E0%A4%A'), 400, 'invalid_request');
    await expectError(server.admin('/executions/%ZZ/cancel', { method: 'POST' }), 400, 'invalid_request');
  });

  it('takes JSON bodies only: 415 for another media type, 400 invalid_json when malformed', async () => {
    await expectError(
      server.admin('/api-keys', { method: 'POST', headers: { 'content-type': 'text/plain' }, body: 'name=x' }),
      415,
      'unsupported_media_type',
    );
    await expectError(
      server.admin('/api-keys', {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: 'name=x',
      }),
      415,
      'unsupported_media_type',
    );
    await expectError(
      server.admin('/api-keys', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"name":' }),
      400,
      'invalid_json',
    );
    // A JSON scalar is not a request body of this API.
    await expectError(
      server.admin('/api-keys', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '"x"' }),
      400,
      'invalid_json',
    );
    await expectError(server.admin('/api-keys', { method: 'POST', json: ['x'] }), 400, 'invalid_request');
  });

  it('accepts application/json with a charset', async () => {
    const response = await server.admin('/api-keys', {
      method: 'POST',
      headers: { 'content-type': 'application/json; charset=utf-8' },
      body: JSON.stringify({ name: 'charset-key' }),
    });
    expect(response.status).toBe(201);
  });

  it('refuses bodies over 1 MiB with 413 payload_too_large and keeps nothing', async () => {
    const name = 'x'.repeat(1024 * 1024 + 10);
    await expectError(server.admin('/api-keys', { method: 'POST', json: { name } }), 413, 'payload_too_large');
    const list = await body<ItemsJson<ApiKeyJson>>(await server.admin('/api-keys'));
    expect(list.items.map((key) => key.name)).not.toContain(name);
  });

  it('never writes the admin token to the log', async () => {
    await server.admin('/api-keys');
    await fetch(url('/api-keys'), { headers: { authorization: `Bearer ${server.adminToken}-wrong` } });
    expect(server.logLines.length).toBeGreaterThan(0);
    expect(server.logLines.join('\n')).not.toContain(server.adminToken);
  });
});

/** Failed admin auth is throttled per source address: guessing the token gets no answer once over the limit. */
describe('admin API: failed authentication limit', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startAdminServer({ worker: false, env: { HOOKFLOW_ADMIN_AUTH_FAILURES: '3' } });
  });
  afterAll(() => server.close());

  it('answers 429 with Retry-After after 3 failed attempts a minute, even to the right token', async () => {
    const url = `${server.baseUrl}/api/v1/api-keys`;
    // Successes do not count.
    for (let i = 0; i < 5; i++) expect((await server.admin('/api-keys')).status).toBe(200);
    await expectError(fetch(url, { headers: { authorization: 'Bearer wrong-1' } }), 401, 'unauthorized');
    await expectError(fetch(url), 401, 'unauthorized');
    // A wrong token at the console's sign-in counts as well.
    await expectError(
      fetch(`${server.baseUrl}/api/v1/session`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ token: 'wrong-3' }),
      }),
      401,
      'unauthorized',
    );

    const throttled = await fetch(url, { headers: { authorization: 'Bearer wrong-4' } });
    await expectError(throttled, 429, 'rate_limited');
    expect(Number(throttled.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    // Not even the right token is checked now: a guess learns nothing while throttled.
    await expectError(server.admin('/api-keys'), 429, 'rate_limited');
  });
});
