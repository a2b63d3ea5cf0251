import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestServer } from '../support/test-server';
import {
  createKey,
  createWorkflow,
  deliveriesOf,
  orderAlert,
  postWebhook,
  type TestKey,
} from './support/webhook-fixtures';
import { mib, sampleMemory } from './support/memory';
import { rawRequest } from './support/raw-http';
import { startWebhookTestServer } from './support/webhook-test-server';

/** The 4xx codes of docs/api.md a malformed request may get, plus what Node answers before Express sees it. */
const TABLE_CODES = new Set([
  'not_found',
  'method_not_allowed',
  'unauthorized',
  'workflow_not_found',
  'workflow_disabled',
  'signature_invalid',
  'invalid_payload',
  'invalid_idempotency_key',
  'unsupported_media_type',
  'payload_too_large',
  'payload_invalid',
  'rate_limited',
  // Admin API refusals, once it is mounted.
  'invalid_json',
  'invalid_request',
]);
/** Node's own answers to unparseable HTTP (400) and oversized headers (431) carry no JSON body. */
const NODE_STATUSES = new Set([400, 431]);

type Probe = () => Promise<{ status: number; text: string }>;

/** Deterministic randomness, so a failure can be replayed. */
function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1103515245 + 12345) % 2 ** 31;
    return state / 2 ** 31;
  };
}

describe('hostile input', () => {
  let server: TestServer;
  let key: TestKey;
  let workflowId: string;
  let disabledId: string;
  let port: number;

  beforeAll(async () => {
    // No rate limit here: the point is to reach the parsers, not to be stopped before them.
    // Nor failed-auth throttles (tested in webhook-abuse-bounds and auth-and-requests).
    server = await startWebhookTestServer({
      worker: false,
      env: { HOOKFLOW_WEBHOOK_RATE_LIMIT: '0', HOOKFLOW_WEBHOOK_AUTH_FAILURES: '0', HOOKFLOW_ADMIN_AUTH_FAILURES: '0' },
    });
    port = Number(new URL(server.baseUrl).port);
    key = await createKey(server);
    workflowId = await createWorkflow(
      server,
      orderAlert(key.name, {
        inputSchema: {
          type: 'object',
          required: ['orderId'],
          properties: { orderId: { type: 'string', maxLength: 64 }, amount: { type: 'number' } },
          additionalProperties: false,
        },
      }),
    );
    disabledId = await createWorkflow(server, orderAlert(key.name), { enabled: false });
  });
  afterAll(() => server?.close());

  function probes(): Probe[] {
    const next = random(20260101);
    const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)]!;
    const randomBytes = (size: number) => Buffer.from(Array.from({ length: size }, () => Math.floor(next() * 256)));
    const url = (path: string) => `${server.baseUrl}${path}`;
    const send = async (path: string, init: RequestInit): Promise<{ status: number; text: string }> => {
      const response = await fetch(url(path), init);
      return { status: response.status, text: await response.text() };
    };
    const webhook = (init: RequestInit, id = workflowId) => send(`/webhooks/${id}`, { method: 'POST', ...init });
    const json = { 'content-type': 'application/json' };
    const withKey = { ...json, 'x-api-key': key.key };
    const list: Probe[] = [];

    // Random bytes as the body, with and without the key, under assorted content types.
    for (let i = 0; i < 300; i++) {
      const contentType = pick([
        'application/json',
        'text/plain',
        'application/octet-stream',
        'application/json; charset=utf-16',
        '',
        '*/*',
      ]);
      const headers: Record<string, string> = contentType ? { 'content-type': contentType } : {};
      if (next() < 0.7) headers['x-api-key'] = next() < 0.8 ? key.key : randomBytes(8).toString('hex');
      list.push(() => webhook({ headers, body: randomBytes(1 + Math.floor(next() * 2048)) }));
    }
    // Invalid UTF-8 inside otherwise JSON-looking bodies.
    for (let i = 0; i < 50; i++) {
      const body = Buffer.concat([
        Buffer.from('{"orderId":"'),
        randomBytes(16).map((b) => b | 0x80),
        Buffer.from('"}'),
      ]);
      list.push(() => webhook({ headers: withKey, body }));
    }
    // Well-formed JSON of the wrong shape: 422 from the inputSchema.
    const wrongTypes = [
      '[]',
      '"order"',
      '42',
      'null',
      'true',
      '{"orderId":7}',
      '{"orderId":null}',
      '{"amount":"many"}',
      '{"orderId":"x","extra":1}',
      `{"orderId":"${'x'.repeat(100)}"}`,
      '{"__proto__":{"orderId":"x"}}',
      '{"constructor":{"prototype":{"polluted":true}}}',
    ];
    for (let i = 0; i < 120; i++) list.push(() => webhook({ headers: withKey, body: pick(wrongTypes) }));
    // Deep nesting, as arrays and as objects.
    for (let i = 0; i < 40; i++) {
      const depth = 101 + Math.floor(next() * 200_000);
      const body =
        next() < 0.5 ? '['.repeat(depth) + ']'.repeat(depth) : '{"a":'.repeat(depth) + '1' + '}'.repeat(depth);
      list.push(() => webhook({ headers: withKey, body }));
    }
    // Oversized bodies: declared, and streamed in chunks.
    for (let i = 0; i < 10; i++)
      list.push(() => webhook({ headers: withKey, body: Buffer.alloc(1024 * 1024 + 1 + i * 100_000, 0x20) }));
    for (let i = 0; i < 10; i++) {
      list.push(() =>
        webhook({
          headers: withKey,
          body: new ReadableStream({
            start(controller) {
              for (let c = 0; c < 40; c++) controller.enqueue(new Uint8Array(64 * 1024).fill(0x20));
              controller.close();
            },
          }),
          duplex: 'half',
        }),
      );
    }
    // Huge and odd headers.
    for (let i = 0; i < 40; i++) {
      const size = pick([8_000, 15_000, 20_000, 64_000]);
      list.push(() => webhook({ headers: { ...withKey, 'x-filler': 'a'.repeat(size) }, body: '{"amount":"h"}' }));
    }
    for (let i = 0; i < 30; i++) {
      const headers: Record<string, string> = { ...json, 'x-api-key': key.key };
      for (let h = 0; h < 90; h++) headers[`x-h${h}`] = randomBytes(20).toString('base64');
      list.push(() => webhook({ headers, body: '{"amount":1}' }));
    }
    // Bad Idempotency-Keys and keys that are not strings of the right shape.
    for (let i = 0; i < 40; i++) {
      const idempotency = pick(['', ' ', 'a b', 'x'.repeat(201), '../../etc', 'k\u00e9', '%00', '{"a":1}']);
      list.push(() =>
        webhook({
          headers: { ...withKey, 'idempotency-key': encodeURIComponent(idempotency) || '!' },
          body: '{"orderId":"i"}',
        }),
      );
    }
    for (let i = 0; i < 30; i++) {
      const presented = pick(['', 'null', 'x'.repeat(2000), `${key.key}.`, key.key.toUpperCase(), `Bearer ${key.key}`]);
      list.push(() => webhook({ headers: { ...json, 'x-api-key': presented }, body: '{"orderId":"k"}' }));
    }
    // Disabled and unknown workflows, odd ids and paths.
    for (let i = 0; i < 20; i++) list.push(() => webhook({ headers: withKey, body: '{"orderId":"d"}' }, disabledId));
    const paths = [
      '/webhooks/',
      '/webhooks',
      '/webhooks/wf_x/extra',
      '/webhooks/%',
      '/webhooks/%E0%A4%A',
      '/webhooks/..%2F..%2Fapi',
      '/webhooks/%00',
      `/webhooks/${'w'.repeat(5000)}`,
      '/webhooks/wf_000000000000000000000000',
      '/webhooks/;drop',
      '/webhook/x',
      '/WEBHOOKS/x',
      '/webhooks/%F0%9F%9A%80',
      '/webhooks/x?x-api-key=abc&&&==',
      '/%2e%2e/webhooks',
    ];
    for (let i = 0; i < 90; i++)
      list.push(() => send(pick(paths), { method: 'POST', headers: withKey, body: '{"orderId":"p"}' }));
    // Wrong methods.
    for (let i = 0; i < 40; i++) {
      const method = pick(['GET', 'PUT', 'DELETE', 'PATCH', 'OPTIONS', 'HEAD']);
      list.push(() => send(`/webhooks/${workflowId}`, { method, headers: withKey }));
    }
    // Broken HTTP, sent raw: bad methods, bad framing, bad header bytes, lying lengths.
    const rawCases = [
      `FOO /webhooks/${workflowId} HTTP/1.1\r\nHost: x\r\n\r\n`,
      `POST /webhooks/${workflowId} HTTP/1.1\r\nHost: x\r\nContent-Length: abc\r\n\r\n`,
      `POST /webhooks/${workflowId} HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\nContent-Length: 6\r\n\r\nhello`,
      `POST /webhooks/${workflowId} HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n`,
      `POST /webhooks/${workflowId} HTTP/1.1\r\nHost: x\r\nContent-Length: 99999999999\r\nx-api-key: ${key.key}\r\ncontent-type: application/json\r\n\r\n{}`,
      `POST /webhooks/${workflowId} HTTP/1.1\r\nHost: x\r\nBad Header: y\r\n\r\n`,
      `POST /webhooks/${workflowId} HTTP/9.9\r\nHost: x\r\n\r\n`,
      `\x00\x01\x02\x03garbage\r\n\r\n`,
      `POST /webhooks/${workflowId}\r\n\r\n`,
      `POST /webhooks/${workflowId} HTTP/1.1\r\nHost: x\r\nx-api-key: \x7f\x00\r\n\r\n`,
    ];
    for (let i = 0; i < 60; i++) list.push(() => rawRequest(port, pick(rawCases)));
    // The admin API: no token, bad tokens, garbage bodies, odd paths and methods.
    const adminPaths = [
      '/api/v1/api-keys',
      '/api/v1/workflows',
      `/api/v1/workflows/${workflowId}`,
      '/api/v1/workflows/x/runs',
      '/api/v1/executions/%',
      '/api/v1/nope',
      '/api/v1/',
    ];
    for (let i = 0; i < 120; i++) {
      const method = pick(['GET', 'POST', 'PUT', 'PATCH', 'DELETE']);
      const headers: Record<string, string> = { 'content-type': pick(['application/json', 'text/plain']) };
      const token = pick([
        undefined,
        '',
        'Bearer',
        'Bearer wrong-token-0123456789',
        `Basic ${key.key}`,
        `Bearer ${'z'.repeat(3000)}`,
      ]);
      if (token !== undefined) headers.authorization = token;
      const body =
        method === 'GET' || method === 'DELETE'
          ? undefined
          : pick([randomBytes(300), '{"name":', '[]', '{"name":"' + 'n'.repeat(5000) + '"}']);
      list.push(() => send(pick(adminPaths), { method, headers, ...(body !== undefined ? { body } : {}) }));
    }
    return list;
  }

  async function runAll(list: Probe[]): Promise<{ index: number; status: number; text: string }[]> {
    const results: { index: number; status: number; text: string }[] = [];
    let nextIndex = 0;
    const runner = async () => {
      for (let index = nextIndex++; index < list.length; index = nextIndex++) {
        const result = await list[index]!().catch((error: unknown) => ({ status: -1, text: String(error) }));
        results.push({ index, ...result });
      }
    };
    await Promise.all(Array.from({ length: 16 }, runner));
    return results;
  }

  /** Answers that are not a 4xx of the table (or Node's own 400/431 for unparseable HTTP). */
  function unexpectedAnswers(results: { index: number; status: number; text: string }[]) {
    return results.filter(({ status, text }) => {
      if (NODE_STATUSES.has(status) && !text.includes('"error"')) return false;
      if (status < 400 || status > 499) return true;
      if (text === '') return false; // HEAD answers carry no body
      try {
        return !TABLE_CODES.has((JSON.parse(text.slice(text.indexOf('{'))) as { error: { code: string } }).error.code);
      } catch {
        return true;
      }
    });
  }

  it('answers 1000+ malformed requests with 4xx of the table, stays up, and keeps its memory', async () => {
    const atStart = sampleMemory();
    const started = performance.now();
    // Twice: the first round warms every cache and pool; the second must not grow memory further.
    const first = await runAll(probes());
    const afterFirst = sampleMemory();
    const second = await runAll(probes());
    const afterSecond = sampleMemory();
    const tookMs = performance.now() - started;

    for (const results of [first, second]) {
      expect(results.length).toBeGreaterThanOrEqual(1000);
      expect(unexpectedAnswers(results).slice(0, 5)).toEqual([]);
    }

    // Still up and still working.
    expect((await fetch(`${server.baseUrl}/healthz`)).status).toBe(200);
    expect((await postWebhook(server, workflowId, { key: key.key, body: { orderId: 'after' } })).status).toBe(202);

    const statuses = new Map<number, number>();
    for (const { status } of [...first, ...second]) statuses.set(status, (statuses.get(status) ?? 0) + 1);
    console.info(
      `hostile input: ${first.length + second.length} requests in ${Math.round(tookMs)} ms; ` +
        `statuses ${JSON.stringify(Object.fromEntries(statuses))}; ` +
        `rss ${mib(atStart.rss)} → ${mib(afterFirst.rss)} → ${mib(afterSecond.rss)} MiB; ` +
        `heap ${mib(atStart.heapUsed)} → ${mib(afterFirst.heapUsed)} → ${mib(afterSecond.heapUsed)} MiB`,
    );
    // A second round of the same abuse retains (almost) nothing more: nothing grows per request.
    expect(afterSecond.heapUsed - afterFirst.heapUsed).toBeLessThan(16 * 2 ** 20);
    expect(afterSecond.rss - afterFirst.rss).toBeLessThan(128 * 2 ** 20);
    expect(afterSecond.rss - atStart.rss).toBeLessThan(384 * 2 ** 20);
    expect(tookMs).toBeLessThan(60_000);
    // Nothing was a server bug: no error-level line.
    expect(server.logLines.filter((line) => line.includes('"level":50'))).toEqual([]);
  });

  it('started no run for any of them: the only accepted deliveries are the two deliberate ones', async () => {
    expect((await postWebhook(server, workflowId, { key: key.key, body: { orderId: 'final' } })).status).toBe(202);
    const deliveries = await deliveriesOf(server, workflowId);
    // Hundreds of refusals, kept in their own bound (docs/deliveries.md): they push no accepted entry out.
    expect(deliveries.some((d) => d.outcome === 'rejected')).toBe(true);
    // The two: 'after' in the test above, 'final' here.
    expect(deliveries.filter((d) => d.outcome === 'accepted')).toHaveLength(2);
    expect(deliveries.every((d) => d.outcome === 'accepted' || d.status >= 400)).toBe(true);
  });
});
