import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { SigningCertificateCache } from '../src/certificates/signing-certificate-cache';
import { LocalOrigin, TEST_SIGNING_CERT_PEM } from '../src/testing';
import { TestHttpClient } from './support/outbound-http';

const origin = new LocalOrigin();
beforeAll(() => origin.start());
afterAll(() => origin.stop());
beforeEach(() => {
  origin.reset();
  origin.routePath('GET /cert-a.pem', () => ({ status: 200, body: TEST_SIGNING_CERT_PEM }));
  origin.routePath('GET /cert-b.pem', () => ({ status: 200, body: TEST_SIGNING_CERT_PEM }));
  origin.routePath('GET /cert-c.pem', () => ({ status: 200, body: TEST_SIGNING_CERT_PEM }));
});

describe('SigningCertificateCache', () => {
  it('fetches a certificate once, also for concurrent requests', async () => {
    const cache = new SigningCertificateCache();
    const http = new TestHttpClient();
    const url = `${origin.origin}/cert-a.pem`;
    const [first, second] = await Promise.all([cache.get(url, http), cache.get(url, http)]);
    await cache.get(url, http);
    expect(first.subject).toContain('TEST ONLY');
    expect(second).toBe(first);
    expect(origin.received).toEqual(['GET /cert-a.pem']);
  });

  it('holds at most its capacity, dropping the least recently used', async () => {
    const cache = new SigningCertificateCache(2);
    const http = new TestHttpClient();
    const [a, b, c] = ['a', 'b', 'c'].map((name) => `${origin.origin}/cert-${name}.pem`) as [string, string, string];
    await cache.get(a, http);
    await cache.get(b, http);
    await cache.get(a, http); // a is now the most recently used
    await cache.get(c, http); // evicts b
    await cache.get(a, http);
    await cache.get(b, http); // fetched again
    expect(origin.received).toEqual(['GET /cert-a.pem', 'GET /cert-b.pem', 'GET /cert-c.pem', 'GET /cert-b.pem']);
  });

  it('does not remember failures: the next message fetches again', async () => {
    const cache = new SigningCertificateCache();
    const http = new TestHttpClient();
    let status = 500;
    origin.routePath('GET /flaky.pem', () => ({ status, body: status === 200 ? TEST_SIGNING_CERT_PEM : 'oops' }));
    const url = `${origin.origin}/flaky.pem`;
    await expect(cache.get(url, http)).rejects.toMatchObject({ code: 'certificate_unavailable' });
    status = 200;
    await expect(cache.get(url, http)).resolves.toBeDefined();
    expect(origin.received).toEqual(['GET /flaky.pem', 'GET /flaky.pem']);
  });

  it('does not follow a redirect', async () => {
    const cache = new SigningCertificateCache();
    const http = new TestHttpClient();
    origin.routePath('GET /moved.pem', () => ({ status: 302, headers: { location: `${origin.origin}/cert-a.pem` } }));
    await expect(cache.get(`${origin.origin}/moved.pem`, http)).rejects.toMatchObject({
      code: 'certificate_unavailable',
    });
    expect(origin.received).toEqual(['GET /moved.pem']);
  });

  it('refuses a body that is not a certificate', async () => {
    const cache = new SigningCertificateCache();
    origin.routePath('GET /html.pem', () => ({ status: 200, body: '<html>login</html>' }));
    await expect(cache.get(`${origin.origin}/html.pem`, new TestHttpClient())).rejects.toMatchObject({
      code: 'certificate_invalid',
    });
  });
});
