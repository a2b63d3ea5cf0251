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

/** One test (at least) per row of the docs/webhooks.md table; 202/200 duplicate, 429 and 503 have their own files too. */
describe('POST /webhooks/:workflowId answers every case of the docs/webhooks.md table', () => {
  let server: TestServer;
  let key: TestKey;
  let otherKey: TestKey;
  let workflowId: string;
  let signedWorkflowId: string;

  beforeAll(async () => {
    server = await startWebhookTestServer({
      plugins: PLUGINS_WITH_HMAC_ECHO,
      env: { HOOKFLOW_WEBHOOK_MAX_BYTES: String(MAX_BYTES) },
    });
    key = await createKey(server);
    otherKey = await createKey(server);
    workflowId = await createWorkflow(server, orderAlert(key.name));
    signedWorkflowId = await createWorkflow(
      server,
      orderAlert(key.name, {
        trigger: { type: 'hmac-echo', apiKeyName: key.name, config: { secret: SECRET } },
        inputSchema: { type: 'object' },
      }),
    );
  });
  afterAll(() => server?.close());

  it('202 accepted: the run is durably started', async () => {
    const response = await postWebhook(server, workflowId, { key: key.key });
    expect(response.status).toBe(202);
    expect(response.body).toEqual({ executionId: expect.any(String) as string, status: 'accepted' });
  });

  it('200 duplicate: the same delivery key again starts no second run', async () => {
    const headers = { 'idempotency-key': 'table-dup' };
    expect((await postWebhook(server, workflowId, { key: key.key, headers })).status).toBe(202);
    const again = await postWebhook(server, workflowId, { key: key.key, headers });
    expect(again.status).toBe(200);
    expect(again.body).toEqual({ executionId: `${workflowId}:table-dup`, status: 'duplicate' });
  });

  it('200 handshake: answered by the plugin (challenge echoed), no run', async () => {
    const body = JSON.stringify({ type: 'challenge', challenge: 'table-challenge' });
    const response = await postWebhook(server, signedWorkflowId, {
      key: key.key,
      body,
      headers: { 'x-signature': signBody(SECRET, body) },
    });
    expect(response.status).toBe(200);
    expect(response.body).toEqual({ challenge: 'table-challenge' });
  });

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

  it('403 signature_invalid: a right key with a wrong signature', async () => {
    const body = JSON.stringify({ type: 'event', id: 'e-403', data: {} });
    for (const signature of [signBody('another-secret-entirely', body), 'sha256=00', 'garbage', undefined]) {
      const response = await postWebhook(server, signedWorkflowId, {
        key: key.key,
        body,
        headers: signature === undefined ? {} : { 'x-signature': signature },
      });
      expect(response.status).toBe(403);
      expect(response.body.error.code).toBe('signature_invalid');
    }
  });

  it('400 invalid_payload: a body that is not JSON, empty, not UTF-8, or nested absurdly deep', async () => {
    const bodies: (string | Buffer)[] = [
      '{"orderId":',
      '',
      Buffer.from([0x7b, 0x22, 0xff, 0x22, 0x3a, 0x31, 0x7d]),
      '['.repeat(200) + ']'.repeat(200),
    ];
    for (const body of bodies) {
      const response = await postWebhook(server, workflowId, { key: key.key, body });
      expect(response.status).toBe(400);
      expect(response.body.error.code).toBe('invalid_payload');
    }
  });

  it('400 invalid_idempotency_key: an Idempotency-Key outside 1-200 of [A-Za-z0-9._:-]', async () => {
    for (const value of ['has space', 'k'.repeat(201), 'slash/es']) {
      const response = await postWebhook(server, workflowId, { key: key.key, headers: { 'idempotency-key': value } });
      expect(response.status).toBe(400);
      expect(response.body.error.code).toBe('invalid_idempotency_key');
    }
  });

  it('415 unsupported_media_type: not application/json, a non-UTF-8 charset, or a compressed body', async () => {
    const headerSets: Record<string, string>[] = [
      { 'content-type': 'text/plain' },
      { 'content-type': 'application/x-www-form-urlencoded' },
      { 'content-type': 'application/json; charset=latin1' },
      { 'content-encoding': 'gzip' },
    ];
    for (const headers of headerSets) {
      const response = await postWebhook(server, workflowId, { key: key.key, headers });
      expect(response.status).toBe(415);
      expect(response.body.error.code).toBe('unsupported_media_type');
    }
    const withSuffix = await postWebhook(server, workflowId, {
      key: key.key,
      headers: { 'content-type': 'application/vnd.shop+json; charset=UTF-8' },
    });
    expect(withSuffix.status).toBe(202);
  });

  it('413 payload_too_large: over HOOKFLOW_WEBHOOK_MAX_BYTES, declared or streamed; exactly the limit is fine', async () => {
    const sized = (bytes: number) => {
      const prefix = '{"orderId":"big","pad":"';
      return prefix + 'x'.repeat(bytes - prefix.length - 2) + '"}';
    };
    expect(sized(MAX_BYTES)).toHaveLength(MAX_BYTES);
    expect((await postWebhook(server, workflowId, { key: key.key, body: sized(MAX_BYTES) })).status).toBe(202);

    const declared = await postWebhook(server, workflowId, { key: key.key, body: sized(MAX_BYTES + 1) });
    expect(declared.status).toBe(413);
    expect(declared.body.error.code).toBe('payload_too_large');

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

  it('422 payload_invalid: the body fails the inputSchema, with the AJV errors in details', async () => {
    const response = await postWebhook(server, workflowId, { key: key.key, body: { amount: 3 } });
    expect(response.status).toBe(422);
    expect(response.body.error).toMatchObject({
      code: 'payload_invalid',
      details: [
        {
          path: '',
          message: "must have required property 'orderId'",
          keyword: 'required',
          params: { missingProperty: 'orderId' },
        },
      ],
    });
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
