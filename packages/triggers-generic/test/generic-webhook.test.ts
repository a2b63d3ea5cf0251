import { describe, expect, it } from 'vitest';
import type { TriggerPlugin } from '@hookflow/sdk';
import { runTrigger, type TriggerTestResult } from '@hookflow/sdk/testing';
import genericWebhook, { GENERIC_WEBHOOK_TRIGGER_TYPE, type GenericWebhookPayload } from '../src';

const KEY = 'hf_test-key-of-the-workflow';
const plugin = genericWebhook as unknown as TriggerPlugin;

function post(options: {
  body?: string | Buffer | object;
  headers?: Record<string, string | string[]>;
  query?: Record<string, string>;
  inputSchema?: Record<string, unknown>;
  config?: { headers?: string[] };
}) {
  return runTrigger(
    plugin,
    {
      body: options.body ?? { orderId: 'A-1' },
      headers: { 'content-type': 'application/json', 'x-api-key': KEY, ...options.headers },
      query: options.query ?? {},
    },
    {
      apiKey: KEY,
      now: new Date('2030-01-02T03:04:05.000Z'),
      inputSchema: options.inputSchema,
      config: options.config ?? {},
    },
  );
}

async function eventOf(result: Promise<TriggerTestResult>): Promise<{ payload: unknown; deliveryKey: string }> {
  const answer = await result;
  if (!answer.event) throw new Error(`expected an event, got ${answer.status} ${JSON.stringify(answer.body)}`);
  return answer.event;
}

async function payloadOf(result: Promise<TriggerTestResult>): Promise<GenericWebhookPayload> {
  return (await eventOf(result)).payload as GenericWebhookPayload;
}

describe('generic-webhook declaration', () => {
  it('is the generic-webhook type: JSON only, key in x-api-key, config naming extra headers', () => {
    expect(genericWebhook).toMatchObject({
      kind: 'trigger',
      type: GENERIC_WEBHOOK_TRIGGER_TYPE,
      accepts: 'json',
      auth: { name: 'api-key-header:x-api-key' },
      configSchema: { type: 'object', additionalProperties: false, properties: { headers: { type: 'array' } } },
    });
    expect(GENERIC_WEBHOOK_TRIGGER_TYPE).toBe('generic-webhook');
    expect(genericWebhook.displayName).toBeTruthy();
    expect(genericWebhook.description).toContain('Idempotency-Key');
  });
});

describe('generic-webhook auth', () => {
  it('accepts the bound key in x-api-key', async () => {
    expect(await post({})).toMatchObject({ status: 202, outcome: 'accepted' });
  });

  it.each([
    ['a missing key', { 'x-api-key': '' }],
    ['a wrong key', { 'x-api-key': 'hf_someone-else' }],
    ['the key twice', { 'x-api-key': [KEY, KEY] }],
  ])('refuses %s as unauthorized', async (_case, headers) => {
    const result = await post({ headers });
    expect(result).toMatchObject({ status: 401, errorCode: 'unauthorized' });
    expect(result.event).toBeUndefined();
  });

  it('does not take the key from the query string', async () => {
    const result = await runTrigger(plugin, { body: {}, query: { 'x-api-key': KEY } }, { apiKey: KEY });
    expect(result).toMatchObject({ status: 401, errorCode: 'unauthorized' });
  });
});

describe('generic-webhook payload', () => {
  it('gives the run body, headers, query and the time of receipt; the inputSchema checks the body', async () => {
    const payload = await payloadOf(
      post({ body: { orderId: 'A-1', amount: 120 }, headers: { 'x-shop': 'north' }, query: { source: 'test' } }),
    );
    expect(payload).toEqual({
      body: { orderId: 'A-1', amount: 120 },
      headers: { 'content-type': 'application/json' },
      query: { source: 'test' },
      receivedAt: '2030-01-02T03:04:05.000Z',
    });
    const inputSchema = { type: 'object', required: ['orderId'] };
    expect(await post({ body: { orderId: 'A-1' }, inputSchema })).toMatchObject({ status: 202 });
    expect(await post({ body: { amount: 1 }, inputSchema })).toMatchObject({
      status: 422,
      errorCode: 'payload_invalid',
    });
  });

  it.each([
    ['an array', '[1,2,3]', [1, 2, 3]],
    ['a string', '"hello"', 'hello'],
    ['a number', '42', 42],
    ['null', 'null', null],
    ['unicode', '{"name":"Zoë 🚀"}', { name: 'Zoë 🚀' }],
  ])('accepts any JSON value as the body: %s', async (_case, body, expected) => {
    expect((await payloadOf(post({ body }))).body).toEqual(expected);
  });

  it('keeps only allowed headers: a secret under an unremarkable name stays out of $trigger', async () => {
    const payload = await payloadOf(
      post({
        headers: {
          'user-agent': 'shop/1.0',
          'idempotency-key': 'order-1',
          'x-forwarded-for': '203.0.113.7',
          forwarded: 'for=203.0.113.7',
          'x-shop': 'north',
          'x-partner-id': 'pid-who-knows',
          'x-request-id': 'r-1',
        },
      }),
    );
    expect(payload.headers).toEqual({
      'content-type': 'application/json',
      'user-agent': 'shop/1.0',
      'idempotency-key': 'order-1',
      'x-forwarded-for': '203.0.113.7',
      forwarded: 'for=203.0.113.7',
    });
  });

  it('keeps the headers the workflow config names (case-insensitive), never the API key', async () => {
    const payload = await payloadOf(
      post({
        headers: { 'x-shop': 'north', 'x-request-id': 'r-1', 'x-other': 'no' },
        config: { headers: ['X-Shop', 'x-request-id', 'x-api-key'] },
      }),
    );
    expect(payload.headers).toEqual({ 'content-type': 'application/json', 'x-shop': 'north', 'x-request-id': 'r-1' });
    expect(JSON.stringify(payload)).not.toContain(KEY);
  });

  it('never copies the key, cookies, authorization or secret-looking headers and query parameters', async () => {
    const payload = await payloadOf(
      post({
        headers: {
          authorization: 'Bearer abc',
          cookie: 'session=abc',
          'x-hub-signature-256': 'sha256=abc',
          'x-auth-token': 'abc',
          'x-client-secret': 'abc',
          'x-request-id': 'r-1',
        },
        query: { 'x-api-key': KEY, token: 'abc', api_key: 'abc', page: '2' },
      }),
    );
    expect(payload.headers).toEqual({ 'content-type': 'application/json' });
    expect(payload.query).toEqual({ page: '2' });
    expect(JSON.stringify(payload)).not.toContain(KEY);
    expect(JSON.stringify(payload)).not.toContain('abc');
  });

  it.each([
    ['not JSON', '{"orderId":'],
    ['empty', ''],
    ['invalid UTF-8', Buffer.from([0x7b, 0x22, 0xff, 0xfe, 0x22, 0x3a, 0x31, 0x7d])],
  ])('refuses a body that is %s with 400 invalid_payload', async (_case, body) => {
    expect(await post({ body })).toMatchObject({ status: 400, errorCode: 'invalid_payload' });
  });
});

describe('generic-webhook Idempotency-Key', () => {
  it('is the delivery key', async () => {
    const answer = await post({ headers: { 'idempotency-key': 'order-A-1:v2.retry_1' } });
    expect(answer.body).toEqual({ json: { executionId: 'wf_test:order-A-1:v2.retry_1', status: 'accepted' } });
  });

  it('is optional: without it the server generates the delivery key', async () => {
    const first = await eventOf(post({}));
    const second = await eventOf(post({}));
    expect(first.deliveryKey).toMatch(/^[0-9a-f-]{36}$/);
    expect(second.deliveryKey).not.toBe(first.deliveryKey);
  });

  it.each([
    ['empty', ''],
    ['too long', 'k'.repeat(201)],
    ['with a space', 'order 1'],
    ['with a slash', 'order/1'],
    ['non-ASCII', 'ordér'],
    ['repeated', ['a', 'b']],
  ])('refuses one that is %s with 400 invalid_idempotency_key', async (_case, value) => {
    expect(await post({ headers: { 'idempotency-key': value } })).toMatchObject({
      status: 400,
      errorCode: 'invalid_idempotency_key',
    });
  });

  it('accepts the longest allowed key', async () => {
    expect((await eventOf(post({ headers: { 'idempotency-key': 'k'.repeat(200) } }))).deliveryKey).toBe(
      'k'.repeat(200),
    );
  });
});
