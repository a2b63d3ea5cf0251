import type { TriggerPlugin } from '@hookflow/sdk';
import { runTrigger } from '@hookflow/sdk/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { flushWebhookDeliveries } from '../../src/webhooks';
import type { TestServer } from '../support/test-server';
import {
  createKey,
  createWorkflow,
  deliveriesOf,
  orderAlert,
  postWebhook,
  readResponse,
  revokeKey,
  signBody,
  type TestKey,
} from './support/webhook-fixtures';
import { PLUGINS_WITH_HMAC_ECHO, startWebhookTestServer } from './support/webhook-test-server';

const MAX_BYTES = 4096;
const SECRET = 'status-table-shared-secret';
const GENERIC_SCHEMA = orderAlert('unused').inputSchema;
const SIGNED_SCHEMA = { type: 'object' };

/** A request of a row; `key` is the workflow's bound key unless it says otherwise. */
interface TableRequest {
  body?: string | Buffer | object;
  headers?: Record<string, string>;
  key?: 'bound' | 'other' | 'none' | 'wrong';
}

interface Row {
  /** The docs/webhooks.md row. */
  row: string;
  trigger: 'generic-webhook' | 'hmac-echo';
  requests: TableRequest[];
  status: number;
  /** `error.code`, for refusals. */
  code?: string;
  /** Sent once before each request (the same delivery key again). */
  first?: boolean;
  /** More of the body every request of the row is answered with. */
  answer?: object;
  /**
   * Sent to a server whose buckets hold one request (HOOKFLOW_WEBHOOK_RATE_LIMIT=1, BURST=1) after `first`,
   * and to the kit with `rateLimited: true`.
   */
  limited?: boolean;
}

const signed = (body: object): TableRequest => {
  const text = JSON.stringify(body);
  return { body: text, headers: { 'x-signature': signBody(SECRET, text) } };
};
const sized = (bytes: number) => {
  const prefix = '{"orderId":"big","pad":"';
  return prefix + 'x'.repeat(bytes - prefix.length - 2) + '"}';
};

/**
 * The docs/webhooks.md table, one line per row, each request sent both through the plugin test kit
 * (@hookflow/sdk/testing) and through the real server: the same status, body and Retry-After.
 * What only the server can answer (no workflow, disabled, 405, an outage) is below the table and in
 * webhook-outage.test.ts; the failed-auth limit, 408 and the body cap in webhook-abuse-bounds.test.ts; SNS's
 * 503 for a rate limit in sns-rate-limit.test.ts (and, through the kit, triggers-sns rate-limit-kit.test.ts):
 * the kit is given a plugin, not a workflow id, a key store, the source-address limits or Temporal.
 */
const TABLE: Row[] = [
  {
    row: 'accepted: the run is durably started',
    trigger: 'generic-webhook',
    requests: [
      { body: { orderId: 'A-1', amount: 150 }, headers: { 'idempotency-key': 'table-202' } },
      { body: sized(MAX_BYTES), headers: { 'idempotency-key': 'table-202-at-the-limit' } },
      {
        headers: { 'content-type': 'application/vnd.shop+json; charset=UTF-8', 'idempotency-key': 'table-202-suffix' },
      },
    ],
    status: 202,
    answer: { executionId: expect.stringMatching(/^wf_\w+:table-202/) as string, status: 'accepted' },
  },
  {
    row: 'the same delivery key again',
    trigger: 'generic-webhook',
    requests: [{ headers: { 'idempotency-key': 'table-dup' } }],
    first: true,
    status: 200,
    answer: { executionId: expect.stringMatching(/:table-dup$/) as string, status: 'duplicate' },
  },
  {
    row: 'a handshake answered',
    trigger: 'hmac-echo',
    requests: [signed({ type: 'challenge', challenge: 'table-challenge' })],
    status: 200,
    answer: { challenge: 'table-challenge' },
  },
  {
    row: 'missing, wrong or revoked key, or not the key the workflow names',
    trigger: 'generic-webhook',
    requests: [{ key: 'none' }, { key: 'wrong' }, { key: 'other' }, { headers: { 'x-api-key': '' } }],
    status: 401,
    code: 'unauthorized',
  },
  {
    row: 'a message signature does not verify',
    trigger: 'hmac-echo',
    requests: ['another-secret-entirely', 'sha256=00', 'garbage', undefined].map((signature): TableRequest => {
      const body = JSON.stringify({ type: 'event', id: 'e-403', data: {} });
      const forged = signature === 'another-secret-entirely' ? signBody(signature, body) : signature;
      return { body, headers: forged === undefined ? {} : { 'x-signature': forged } };
    }),
    status: 403,
    code: 'signature_invalid',
  },
  {
    row: 'the body cannot be parsed (not JSON, empty, not UTF-8, nested absurdly deep)',
    trigger: 'generic-webhook',
    requests: [
      { body: '{"orderId":' },
      { body: '' },
      { body: Buffer.from([0x7b, 0x22, 0xff, 0x22, 0x3a, 0x31, 0x7d]) },
      { body: '['.repeat(200) + ']'.repeat(200) },
    ],
    status: 400,
    code: 'invalid_payload',
  },
  {
    row: 'an Idempotency-Key outside the rules',
    trigger: 'generic-webhook',
    requests: ['has space', 'k'.repeat(201), 'slash/es'].map((key) => ({ headers: { 'idempotency-key': key } })),
    status: 400,
    code: 'invalid_idempotency_key',
  },
  {
    row: 'wrong content type, charset or encoding',
    trigger: 'generic-webhook',
    requests: [
      { headers: { 'content-type': 'text/plain' } },
      { headers: { 'content-type': 'application/x-www-form-urlencoded' } },
      { headers: { 'content-type': 'application/json; charset=latin1' } },
      { headers: { 'content-encoding': 'gzip' } },
    ],
    status: 415,
    code: 'unsupported_media_type',
  },
  {
    row: 'more requests with one key than HOOKFLOW_WEBHOOK_RATE_LIMIT allows',
    trigger: 'generic-webhook',
    requests: [{ headers: { 'idempotency-key': 'table-429' } }],
    first: true,
    limited: true,
    status: 429,
    code: 'rate_limited',
  },
  {
    row: 'body over HOOKFLOW_WEBHOOK_MAX_BYTES',
    trigger: 'generic-webhook',
    requests: [{ body: sized(MAX_BYTES + 1) }],
    status: 413,
    code: 'payload_too_large',
  },
  {
    row: "the payload fails the workflow's inputSchema",
    trigger: 'generic-webhook',
    requests: [{ body: { amount: 3 } }],
    status: 422,
    code: 'payload_invalid',
    answer: {
      error: {
        details: [
          {
            path: '',
            message: "must have required property 'orderId'",
            keyword: 'required',
            params: { missingProperty: 'orderId' },
          },
        ],
      },
    },
  },
];

/** What a sender sees of an answer. */
interface SenderView {
  status: number;
  body: unknown;
  retryAfter?: string;
}

describe('POST /webhooks/:workflowId answers every case of the docs/webhooks.md table', () => {
  let server: TestServer;
  let key: TestKey;
  let otherKey: TestKey;
  let workflowId: string;
  let signedWorkflowId: string;
  let limited: TestServer;
  let limitedKey: TestKey;
  let limitedWorkflowId: string;

  beforeAll(async () => {
    // No worker: its one accepted run need not complete.
    limited = await startWebhookTestServer({
      worker: false,
      env: { HOOKFLOW_WEBHOOK_RATE_LIMIT: '1', HOOKFLOW_WEBHOOK_RATE_BURST: '1' },
    });
    limitedKey = await createKey(limited);
    limitedWorkflowId = await createWorkflow(limited, orderAlert(limitedKey.name, { inputSchema: GENERIC_SCHEMA }));
    server = await startWebhookTestServer({
      plugins: PLUGINS_WITH_HMAC_ECHO,
      env: { HOOKFLOW_WEBHOOK_MAX_BYTES: String(MAX_BYTES) },
    });
    key = await createKey(server);
    otherKey = await createKey(server);
    workflowId = await createWorkflow(server, orderAlert(key.name, { inputSchema: GENERIC_SCHEMA }));
    signedWorkflowId = await createWorkflow(
      server,
      orderAlert(key.name, {
        trigger: { type: 'hmac-echo', apiKeyName: key.name, config: { secret: SECRET } },
        inputSchema: SIGNED_SCHEMA,
      }),
    );
  });
  afterAll(() => Promise.all([server?.close(), limited?.close()]));

  describe('the kit and the server give the same answer', () => {
    // What Temporal knows on the server: the kit's record of started delivery keys, per workflow.
    const started = { 'generic-webhook': new Set<string>(), 'hmac-echo': new Set<string>() };

    /** The server a row is sent to, its workflow and the key bound to that workflow. */
    function target(row: Row): { server: TestServer; workflowId: string; boundKey: string } {
      if (row.limited) return { server: limited, workflowId: limitedWorkflowId, boundKey: limitedKey.key };
      const id = row.trigger === 'generic-webhook' ? workflowId : signedWorkflowId;
      return { server, workflowId: id, boundKey: key.key };
    }

    function headersOf(row: Row, request: TableRequest): Record<string, string> {
      const { boundKey } = target(row);
      const which = request.key ?? 'bound';
      const apiKey = { bound: boundKey, other: otherKey.key, wrong: `${boundKey}x`, none: undefined }[which];
      return {
        'content-type': 'application/json',
        ...(apiKey !== undefined ? { 'x-api-key': apiKey } : {}),
        ...request.headers,
      };
    }

    async function viaKit(row: Row, request: TableRequest, rateLimited = false): Promise<SenderView> {
      // The very plugin objects the server loaded through HOOKFLOW_PLUGINS.
      const plugin = server.ctx.registry.trigger(row.trigger) as TriggerPlugin;
      const generic = row.trigger === 'generic-webhook';
      const { workflowId: id, boundKey } = target(row);
      const answer = await runTrigger(
        plugin,
        { body: request.body ?? { orderId: 'A-1', amount: 150 }, headers: headersOf(row, request) },
        {
          apiKey: boundKey,
          config: generic ? {} : { secret: SECRET },
          inputSchema: generic ? GENERIC_SCHEMA : SIGNED_SCHEMA,
          maxBodyBytes: MAX_BYTES,
          workflow: { id, name: 'table', version: 1 },
          startedDeliveryKeys: started[row.trigger],
          rateLimited,
        },
      );
      return {
        status: answer.status,
        body: 'json' in answer.body ? answer.body.json : answer.body.text,
        ...(answer.headers['Retry-After'] !== undefined ? { retryAfter: answer.headers['Retry-After'] } : {}),
      };
    }

    async function viaServer(row: Row, request: TableRequest): Promise<SenderView> {
      const { server: to, workflowId: id } = target(row);
      const response = await postWebhook(to, id, {
        body: request.body ?? { orderId: 'A-1', amount: 150 },
        headers: headersOf(row, request),
      });
      const retryAfter = response.headers.get('retry-after');
      const json = response.headers.get('content-type')?.startsWith('application/json');
      return {
        status: response.status,
        body: json ? response.body : response.text,
        ...(retryAfter !== null ? { retryAfter } : {}),
      };
    }

    it.for(TABLE)('$status: $row', async (row) => {
      for (const request of row.requests) {
        if (row.first) {
          await viaKit(row, request);
          await viaServer(row, request);
        }
        const kit = await viaKit(row, request, row.limited);
        const server = await viaServer(row, request);
        expect(kit, JSON.stringify(request.headers ?? {})).toEqual(server);
        expect(server.status).toBe(row.status);
        if (row.code) expect(server.body).toMatchObject({ error: { code: row.code } });
        if (row.answer) expect(server.body).toMatchObject(row.answer);
      }
    });
  });

  describe('what only the server answers, and what it records', () => {
    it('404 workflow_not_found: unknown workflow, also for ids that cannot exist or cannot be decoded', async () => {
      for (const path of ['wf_000000000000000000000000', 'no such workflow', '%E0%A4%A', 'a'.repeat(300)]) {
        const response = await postWebhook(server, '', { key: key.key, path: encodeURI(path).replace('%25', '%') });
        expect(response.status).toBe(404);
        expect(response.body).toEqual({ error: { code: 'workflow_not_found', message: expect.any(String) as string } });
      }
    });

    it('404 workflow_not_found: unknown workflows are logged but not put in any delivery log', async () => {
      await postWebhook(server, 'wf_ffffffffffffffffffffffff', { key: key.key });
      expect(server.logLines.some((l) => l.includes('wf_ffffffffffffffffffffffff') && l.includes('"status":404'))).toBe(
        true,
      );
      // The admin API has no log for an unknown workflow (404); nothing was stored under its id either.
      await flushWebhookDeliveries(server.ctx);
      expect(await server.ctx.store.deliveries.listDeliveries('wf_ffffffffffffffffffffffff')).toEqual([]);
    });

    it('409 workflow_disabled', async () => {
      const disabled = await createWorkflow(server, orderAlert(key.name), { enabled: false });
      const response = await postWebhook(server, disabled, { key: key.key });
      expect(response.status).toBe(409);
      expect(response.body.error.code).toBe('workflow_disabled');
    });

    it('401 unauthorized: one answer for a missing, wrong, revoked or unbound key; the log says which', async () => {
      const revoked = await createKey(server);
      const boundToRevoked = await createWorkflow(server, orderAlert(revoked.name));
      await revokeKey(server, revoked.id);
      const cases = [
        { workflow: workflowId, key: undefined, reason: 'no API key presented' },
        { workflow: workflowId, key: `${key.key}x`, reason: 'unknown or revoked API key' },
        { workflow: boundToRevoked, key: revoked.key, reason: 'unknown or revoked API key' },
        {
          workflow: workflowId,
          key: otherKey.key,
          reason: `API key "${otherKey.name}" is not the one bound to this workflow`,
        },
      ];
      const bodies = new Set<string>();
      for (const { workflow, key: presented } of cases) {
        const response = await postWebhook(server, workflow, presented === undefined ? {} : { key: presented });
        expect(response.status).toBe(401);
        expect(response.body.error.code).toBe('unauthorized');
        bodies.add(response.text);
      }
      expect(bodies.size).toBe(1);
      const reasons = [...(await deliveriesOf(server, workflowId)), ...(await deliveriesOf(server, boundToRevoked))]
        .filter((d) => d.status === 401)
        .map((d) => d.reason);
      for (const { reason } of cases) expect(reasons).toContain(reason);
    });

    it('413 payload_too_large for a streamed body: no Content-Length to refuse up front, the reader stops', async () => {
      expect(sized(MAX_BYTES)).toHaveLength(MAX_BYTES);
      // Chunked: no Content-Length to refuse up front; the reader stops at the limit.
      const chunks = [sized(MAX_BYTES).slice(0, 3000), sized(MAX_BYTES).slice(3000), 'overflow'];
      const streamed = await fetch(`${server.baseUrl}/webhooks/${workflowId}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-api-key': key.key },
        body: new ReadableStream({
          start(controller) {
            for (const chunk of chunks) controller.enqueue(new TextEncoder().encode(chunk));
            controller.close();
          },
        }),
        duplex: 'half',
      });
      const answer = await readResponse(streamed);
      expect(answer.status).toBe(413);
      expect(answer.body.error.code).toBe('payload_too_large');
    });

    it('405 method_not_allowed with Allow: POST; 404 not_found beside the webhook route', async () => {
      for (const method of ['GET', 'PUT', 'DELETE', 'PATCH']) {
        const response = await fetch(`${server.baseUrl}/webhooks/${workflowId}`, { method });
        expect(response.status).toBe(405);
        expect(response.headers.get('allow')).toBe('POST');
        expect(((await response.json()) as { error: { code: string } }).error.code).toBe('method_not_allowed');
      }
      for (const path of ['/webhooks', `/webhooks/${workflowId}/extra`]) {
        const response = await fetch(`${server.baseUrl}${path}`, { method: 'POST' });
        expect(response.status).toBe(404);
        expect(((await response.json()) as { error: { code: string } }).error.code).toBe('not_found');
      }
    });

    it('records every refusal of an existing workflow in its delivery log, with status and code', async () => {
      const deliveries = await deliveriesOf(server, workflowId);
      const codes = new Set(deliveries.map((d) => d.errorCode).filter(Boolean));
      for (const code of ['unauthorized', 'invalid_payload', 'invalid_idempotency_key', 'unsupported_media_type']) {
        expect(codes).toContain(code);
      }
      expect(codes).toContain('payload_too_large');
      expect(codes).toContain('payload_invalid');
      for (const delivery of deliveries) {
        expect(delivery.outcome).toBe(
          delivery.status >= 400 ? 'rejected' : delivery.status === 202 ? 'accepted' : 'duplicate',
        );
      }
      const signed = await deliveriesOf(server, signedWorkflowId);
      expect(signed.map((d) => d.outcome)).toContain('handshake');
      expect(signed.filter((d) => d.status === 403).every((d) => d.errorCode === 'signature_invalid')).toBe(true);
    });
  });
});
