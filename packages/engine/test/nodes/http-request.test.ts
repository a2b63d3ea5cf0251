import { once } from 'node:events';
import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import httpRequest from '../../src/nodes/http-request';
import { NodeError } from '@hookflow/sdk';
import { runNode } from '@hookflow/sdk/testing';

type Handler = (req: IncomingMessage, res: ServerResponse) => void;

/** A local server per test case: `handlers` by path, every request's headers recorded. */
class Partner {
  readonly seen: { path: string; headers: http.IncomingHttpHeaders }[] = [];
  readonly handlers = new Map<string, Handler>();
  url = '';
  private readonly server = http.createServer((req, res) => {
    const path = (req.url ?? '').split('?')[0]!;
    this.seen.push({ path, headers: req.headers });
    const handler = this.handlers.get(path);
    if (handler) handler(req, res);
    else res.writeHead(404).end();
  });

  async start(): Promise<void> {
    this.server.listen(0, '127.0.0.1');
    await once(this.server, 'listening');
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  async stop(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise((resolve) => this.server.close(resolve));
  }
}

async function failureOf(promise: Promise<unknown>): Promise<NodeError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(error instanceof NodeError)) throw new Error(`expected a NodeError, got ${String(error)}`);
  return error;
}

describe('http.request: what a hostile or careless partner cannot do', () => {
  const partner = new Partner();
  const other = new Partner(); // another origin (another port)
  beforeAll(() => Promise.all([partner.start(), other.start()]));
  afterAll(() => Promise.all([partner.stop(), other.stop()]));

  it('stops reading an endless stream at maxResponseBytes and fails without retry', async () => {
    let written = 0;
    let abandoned: () => void = () => undefined;
    const closed = new Promise<void>((resolve) => (abandoned = resolve));
    partner.handlers.set('/stream', (_req, res) => {
      res.writeHead(200, { 'content-type': 'text/plain' });
      const chunk = Buffer.alloc(64 * 1024, 'x');
      const pump = () => {
        while (written < 512 * 1024 * 1024 && res.write(chunk)) written += chunk.length;
        if (written < 512 * 1024 * 1024) res.once('drain', pump);
      };
      res.on('close', abandoned);
      pump();
    });
    const error = await failureOf(
      runNode(httpRequest, { method: 'GET', url: `${partner.url}/stream`, maxResponseBytes: 256 * 1024 }),
    );
    expect(error).toMatchObject({ code: 'response_too_large', retryable: false });
    // The client hung up early instead of reading the stream to its end (512 MiB).
    await closed;
    expect(written).toBeLessThan(64 * 1024 * 1024);
  });

  it('refuses a declared Content-Length over the limit before reading it; 1 MiB by default', async () => {
    partner.handlers.set('/big', (_req, res) => {
      res.writeHead(200, { 'content-length': String(2 * 1024 * 1024) });
      res.end(Buffer.alloc(2 * 1024 * 1024));
    });
    const error = await failureOf(runNode(httpRequest, { method: 'GET', url: `${partner.url}/big` }));
    expect(error.code).toBe('response_too_large');
  });

  it('does not follow redirects by default: the 3xx is the output', async () => {
    partner.handlers.set('/moved', (_req, res) => res.writeHead(302, { location: `${other.url}/target` }).end());
    const output = await runNode(httpRequest, { method: 'GET', url: `${partner.url}/moved` });
    expect(output).toMatchObject({ status: 302, headers: { location: `${other.url}/target` } });
    expect(other.seen).toHaveLength(0);
  });

  it('follows a redirect to another origin without the custom and credential headers', async () => {
    partner.handlers.set('/hop', (_req, res) => res.writeHead(307, { location: `${other.url}/landing` }).end());
    other.handlers.set('/landing', (_req, res) => res.writeHead(200, { 'content-type': 'application/json' }).end('{}'));
    const output = await runNode(httpRequest, {
      method: 'POST',
      url: `${partner.url}/hop`,
      followRedirects: true,
      headers: { 'x-api-key': 'secret-key', authorization: 'Bearer secret', accept: 'application/json' },
      body: { a: 1 },
    });
    expect(output.status).toBe(200);
    const first = partner.seen.find((r) => r.path === '/hop')!;
    expect(first.headers).toMatchObject({ 'x-api-key': 'secret-key', authorization: 'Bearer secret' });
    const landed = other.seen.find((r) => r.path === '/landing')!;
    expect(landed.headers['x-api-key']).toBeUndefined();
    expect(landed.headers.authorization).toBeUndefined();
    expect(landed.headers['idempotency-key']).toBeUndefined();
    expect(landed.headers).toMatchObject({ accept: 'application/json', 'content-type': 'application/json' });
  });

  it('keeps the headers on a same-origin redirect, and stops after 5 hops', async () => {
    partner.handlers.set('/same', (_req, res) => res.writeHead(301, { location: '/same-target' }).end());
    partner.handlers.set('/same-target', (_req, res) => res.writeHead(200).end('ok'));
    await runNode(httpRequest, {
      method: 'GET',
      url: `${partner.url}/same`,
      followRedirects: true,
      headers: { 'x-api-key': 'k' },
    });
    expect(partner.seen.find((r) => r.path === '/same-target')!.headers['x-api-key']).toBe('k');

    partner.handlers.set('/loop', (_req, res) => res.writeHead(302, { location: '/loop' }).end());
    const error = await failureOf(
      runNode(httpRequest, { method: 'GET', url: `${partner.url}/loop`, followRedirects: true }),
    );
    expect(error).toMatchObject({ code: 'too_many_redirects', retryable: false });
    expect(partner.seen.filter((r) => r.path === '/loop')).toHaveLength(6);
  });

  it('never names the path or query of the URL in an error (they may be secrets)', async () => {
    const secretPath = '/services/T000/B000/XXXXsecretXXXX';
    partner.handlers.set(secretPath, (_req, res) => res.writeHead(500).end());
    const answered = await failureOf(
      runNode(httpRequest, { method: 'POST', url: `${partner.url}${secretPath}?token=q-secret`, body: {} }),
    );
    expect(answered.message).toBe(`POST ${partner.url} answered 500`);

    const closed = new Partner();
    await closed.start();
    await closed.stop();
    const network = await failureOf(runNode(httpRequest, { method: 'GET', url: `${closed.url}${secretPath}` }));
    expect(network.code).toBe('http_network_error');
    expect(network.message).toContain(closed.url);
    expect(network.message).not.toContain('secret');
  });

  it('sends Idempotency-Key <executionId>/<nodeId>; false omits it, a string replaces it', async () => {
    partner.handlers.set('/effect', (_req, res) => res.writeHead(200).end());
    await runNode(httpRequest, { method: 'POST', url: `${partner.url}/effect` }, { nodeId: 'charge' });
    await runNode(httpRequest, { method: 'POST', url: `${partner.url}/effect`, idempotencyKey: false });
    await runNode(httpRequest, { method: 'POST', url: `${partner.url}/effect`, idempotencyKey: 'order-7' });
    const keys = partner.seen.filter((r) => r.path === '/effect').map((r) => r.headers['idempotency-key']);
    expect(keys).toEqual(['wf_test:test/charge', undefined, 'order-7']);
  });
});
