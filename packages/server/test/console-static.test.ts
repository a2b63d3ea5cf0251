import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from './support/test-server';

/** The built console at `/`: cached assets, the app shell for client routes, a strict CSP; the API untouched. */
describe('server: the console at /', () => {
  let server: TestServer;
  let assetPath: string;
  beforeAll(async () => {
    server = await startTestServer({ worker: false });
    const index = await fetch(`${server.baseUrl}/`, { headers: { accept: 'text/html' } });
    const html = await index.text();
    assetPath = /src="(\/assets\/[^"]+\.js)"/.exec(html)?.[1] ?? '';
  });
  afterAll(() => server.close());

  it('serves index.html at / and at client routes, never cached stale', async () => {
    for (const path of ['/', '/workflows', '/workflows/wf_abc/edit', '/executions/wf_x%3Akey']) {
      const response = await fetch(`${server.baseUrl}${path}`, { headers: { accept: 'text/html' } });
      expect(response.status, path).toBe(200);
      expect(response.headers.get('content-type')).toMatch(/^text\/html/);
      expect(response.headers.get('cache-control')).toBe('no-cache');
      expect(await response.text()).toContain('<div id="root"></div>');
    }
  });

  it('serves hashed assets with a long-lived, immutable cache', async () => {
    expect(assetPath).toMatch(/^\/assets\/index-[A-Za-z0-9_-]+\.js$/);
    const response = await fetch(`${server.baseUrl}${assetPath}`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/javascript/);
    expect(response.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
  });

  it('sends a strict CSP: this origin only, no inline script or style, no framing', async () => {
    const response = await fetch(`${server.baseUrl}/`, { headers: { accept: 'text/html' } });
    const csp: Record<string, string> = Object.fromEntries(
      (response.headers.get('content-security-policy') ?? '')
        .split(';')
        .map((directive) => directive.trim().split(/\s+/))
        .map(([name, ...values]): [string, string] => [name ?? '', values.join(' ')]),
    );
    expect(csp).toMatchObject({
      'default-src': "'self'",
      'script-src': "'self'",
      'script-src-attr': "'none'",
      'style-src': "'self'",
      'connect-src': "'self'",
      'object-src': "'none'",
      'frame-ancestors': "'none'",
      'base-uri': "'none'",
    });
    expect(JSON.stringify(csp)).not.toMatch(/unsafe-inline|unsafe-eval|https:|\*/);
    // Plain-http test server: upgrading requests would point the browser at a port nobody serves over TLS.
    expect(csp['upgrade-insecure-requests']).toBeUndefined();
  });

  it('leaves the API, webhooks and missing files to their own 404s', async () => {
    const api = await fetch(`${server.baseUrl}/api/v1/nope`, { headers: { accept: 'text/html' } });
    expect(api.status).toBe(401);
    const webhook = await fetch(`${server.baseUrl}/webhooks/wf_unknown`, { method: 'POST' });
    expect(webhook.headers.get('content-type')).toMatch(/json/);
    for (const path of ['/assets/missing-123.js', '/favicon.ico', '/api', '/webhooks']) {
      const response = await fetch(`${server.baseUrl}${path}`, { headers: { accept: 'text/html' } });
      expect(response.status, path).toBe(404);
      expect(((await response.json()) as { error: { code: string } }).error.code).toBe('not_found');
    }
  });
});
