import { once } from 'node:events';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { createHmac } from 'node:crypto';
import { allOf, apiKeyInHeader, defineNode, defineTrigger, hmacSignature } from '../src';
import { createOutboundHttpClient } from '../src/pipeline';
import { runNode, runTrigger, type TriggerTestOptions } from '../src/testing';

/** The plugin test kit and the pieces plugins build on, without a server or Temporal. */
describe('plugin test kit', () => {
  const signed = defineTrigger<{ secret: string }>({
    type: 'signed-echo',
    displayName: 'Signed echo',
    description: 'test',
    configSchema: { type: 'object' },
    accepts: 'json',
    auth: allOf(
      apiKeyInHeader('x-api-key'),
      hmacSignature({ header: 'x-signature', prefix: 'sha256=', secret: (c) => c.secret }),
    ),
    parse: (request) => {
      const body = request.json as { challenge?: string };
      return Promise.resolve(
        body.challenge ? { kind: 'handshake', handshake: body.challenge } : { kind: 'event', payload: body },
      );
    },
    confirm: (handshake) => Promise.resolve({ status: 200, text: String(handshake) }),
  });
  const sign = (body: string) => `sha256=${createHmac('sha256', 's3cret').update(body).digest('hex')}`;

  it('runs auth, parser and confirmation hook of a trigger', async () => {
    const body = JSON.stringify({ challenge: 'abc' });
    const result = await runTrigger(
      signed,
      { headers: { 'content-type': 'application/json', 'x-api-key': 'k1', 'x-signature': sign(body) }, body },
      { apiKey: 'k1', config: { secret: 's3cret' } },
    );
    expect(result).toMatchObject({ status: 200, outcome: 'handshake', body: { text: 'abc' } });
  });

  it('refuses a wrong key as unauthorized and a wrong signature as signature_invalid', async () => {
    const body = JSON.stringify({ a: 1 });
    const wrongKey = await runTrigger(
      signed,
      { headers: { 'content-type': 'application/json', 'x-api-key': 'nope', 'x-signature': sign(body) }, body },
      { apiKey: 'k1', config: { secret: 's3cret' } },
    );
    expect(wrongKey).toMatchObject({ status: 401, errorCode: 'unauthorized', reason: 'unknown or revoked API key' });
    const wrongSig = await runTrigger(
      signed,
      { headers: { 'content-type': 'application/json', 'x-api-key': 'k1', 'x-signature': sign('other') }, body },
      { apiKey: 'k1', config: { secret: 's3cret' } },
    );
    expect(wrongSig).toMatchObject({ status: 403, errorCode: 'signature_invalid' });
    const ok = await runTrigger(
      signed,
      { headers: { 'content-type': 'application/json', 'x-api-key': 'k1', 'x-signature': sign(body) }, body },
      { apiKey: 'k1', config: { secret: 's3cret' } },
    );
    expect(ok).toMatchObject({ status: 202, outcome: 'accepted', event: { payload: { a: 1 } } });
    expect(ok.body).toEqual({ json: { executionId: `wf_test:${ok.event!.deliveryKey}`, status: 'accepted' } });
  });

  it('answers a method other than POST with 405 and Allow: POST, as the server does, without running the plugin', async () => {
    const body = JSON.stringify({ a: 1 });
    const result = await runTrigger(
      signed,
      {
        method: 'GET',
        headers: { 'content-type': 'application/json', 'x-api-key': 'k1', 'x-signature': sign(body) },
        body,
      },
      { apiKey: 'k1', config: { secret: 's3cret' } },
    );
    expect(result).toMatchObject({
      status: 405,
      headers: { Allow: 'POST' },
      body: { json: { error: { code: 'method_not_allowed', message: 'GET is not allowed here; use POST' } } },
    });
  });

  describe('the server state its options describe', () => {
    const body = JSON.stringify({ a: 1 });
    const request = (key = 'k1') => ({
      headers: {
        'content-type': 'application/json',
        'x-api-key': key,
        'x-signature': sign(body),
        'idempotency-key': 'd-1',
      },
      body,
    });
    const run = (options: Partial<TriggerTestOptions<{ secret: string }>>, key?: string) =>
      runTrigger(signed, request(key), { apiKey: 'k1', config: { secret: 's3cret' }, ...options });

    it('a missing or disabled workflow: 404 and 409 before the plugin is asked', async () => {
      expect(await run({ workflowStatus: 'missing' }, 'wrong')).toMatchObject({
        status: 404,
        errorCode: 'workflow_not_found',
      });
      expect(await run({ workflowStatus: 'disabled' }, 'wrong')).toMatchObject({
        status: 409,
        errorCode: 'workflow_disabled',
      });
    });

    it('MongoDB or Temporal unreachable: 503 with Retry-After and the delivery key a retry should use', async () => {
      // Before the plugin ran, the sender's own Idempotency-Key is the key it must see.
      expect(await run({ unreachable: 'mongodb' })).toMatchObject({
        status: 503,
        reason: 'mongodb unavailable',
        headers: { 'Retry-After': '5', 'Idempotency-Key': 'd-1' },
        body: { json: { error: { code: 'unavailable', deliveryKey: 'd-1' } } },
      });
      // After it: the key the run would have started with (this plugin names none, so a generated one).
      const temporal = await run({ unreachable: 'temporal' });
      expect(temporal).toMatchObject({ status: 503, reason: 'temporal unavailable', headers: { 'Retry-After': '5' } });
      expect(temporal.headers['Idempotency-Key']).toMatch(/^[0-9a-f-]{36}$/);
      expect(temporal.body).toEqual({
        json: {
          error: {
            code: 'unavailable',
            message: 'The service is temporarily unavailable; retry later',
            deliveryKey: temporal.headers['Idempotency-Key'],
          },
        },
      });
      // Temporal is only reached by a request the plugin accepted.
      expect(await run({ unreachable: 'temporal' }, 'wrong')).toMatchObject({ status: 401 });
    });

    it('the failed-auth limit refuses before auth; the body limits only a request whose key is good', async () => {
      expect(await run({ failedAuthLimited: true }, 'k1')).toMatchObject({
        status: 429,
        errorCode: 'rate_limited',
        headers: { 'Retry-After': '60' },
      });
      expect(await run({ bodySlotsFull: true }, 'wrong')).toMatchObject({ status: 401 });
      expect(await run({ bodySlotsFull: true })).toMatchObject({ status: 503, headers: { 'Retry-After': '1' } });
      expect(await run({ bodyTimesOut: true, requestTimeoutSeconds: 3 })).toMatchObject({
        status: 408,
        body: { json: { error: { code: 'request_timeout', message: 'The request body did not arrive within 3 s' } } },
      });
    });
  });

  it("runs a node's execute after checking params against its schema", async () => {
    const fetchLike = defineNode<{ url: string }, string>({
      type: 'test.fetch',
      displayName: 'Fetch',
      description: 'test',
      paramsSchema: { type: 'object', required: ['url'], properties: { url: { type: 'string' } } },
      execute: (params) => Promise.resolve(params.url),
    });
    await expect(runNode(fetchLike, { url: 'https://example.test' })).resolves.toBe('https://example.test');
    await expect(runNode(fetchLike, { method: 'GET' } as never)).rejects.toMatchObject({
      code: 'invalid_params',
      details: [{ path: '/params/url', message: expect.any(String) as string }],
    });
  });
});

describe('outbound HTTP client for plugins', () => {
  it('fetches only allowed origins, never follows redirects, and caps response size', async () => {
    const server = http.createServer((req, res) => {
      if (req.url === '/redirect') res.writeHead(302, { location: 'http://169.254.169.254/' }).end();
      else if (req.url === '/big') res.end('x'.repeat(2048));
      else res.end('ok');
    });
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
    const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const client = createOutboundHttpClient();
    try {
      expect((await client.request(`${origin}/`, { allowedOrigins: [origin] })).body.toString()).toBe('ok');
      const redirect = await client.request(`${origin}/redirect`, { allowedOrigins: [origin] });
      expect(redirect.status).toBe(302);
      await expect(client.request('http://169.254.169.254/latest', { allowedOrigins: [origin] })).rejects.toMatchObject(
        {
          code: 'outbound_url_refused',
        },
      );
      await expect(
        client.request(`${origin}/big`, { allowedOrigins: [origin], maxResponseBytes: 1024 }),
      ).rejects.toMatchObject({ code: 'outbound_response_too_large' });
    } finally {
      server.close();
    }
  });
});
