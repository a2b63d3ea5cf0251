import { randomBytes } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { testStack, uniqueName } from '@hookflow/dev-stack/testing';
import type { WorkflowDefinition } from '@hookflow/engine';
import { body, startAdminServer } from '../admin/admin-fixtures';
import { newEncryptionKey, type TestServer } from '../support/test-server';
import { createKey, createWorkflow, postWebhook, waitForRun, type TestKey } from '../webhooks/support/webhook-fixtures';
import { fetchRawHistory } from './support/temporal-history';

interface CodecPayload {
  metadata: Record<string, string>;
  data: string;
}

const text = (base64: string) => Buffer.from(base64, 'base64').toString('utf8');

/** Waits for an event, then echoes the trigger's marker: a run can be left open across a restart. */
function waitThenEcho(apiKeyName: string): WorkflowDefinition {
  return {
    name: uniqueName('encrypted'),
    trigger: { type: 'generic-webhook', apiKeyName, config: {} },
    nodes: [
      { id: 'hold', type: 'wait', params: { event: 'go' } },
      { id: 'echo', type: 'transform', params: { value: { marker: '{{ $trigger.body.marker }}' } } },
    ],
    edges: [{ from: 'hold', to: 'echo' }],
  };
}

describe('payload encryption in Temporal (HOOKFLOW_PAYLOAD_ENCRYPTION)', () => {
  const stack = testStack();
  const shared = {
    MONGODB_URI: `${stack.mongodbUri}/${uniqueName('payloads')}`,
    HOOKFLOW_TASK_QUEUE: uniqueName('payloads'),
    HOOKFLOW_ENCRYPTION_KEY: newEncryptionKey(),
  };
  let server: TestServer | undefined;
  let key: TestKey;
  let workflowId: string;
  let openRun: { executionId: string; marker: string };

  afterAll(async () => {
    await server?.close();
  });

  async function start(payloadEncryption: 'on' | 'off', keepDatabase: boolean): Promise<TestServer> {
    await server?.close();
    server = await startAdminServer({
      env: { ...shared, HOOKFLOW_PAYLOAD_ENCRYPTION: payloadEncryption },
      keepDatabase,
    });
    return server;
  }

  async function startRun(current: TestServer, marker: string): Promise<string> {
    const accepted = await postWebhook(current, workflowId, { key: key.key, body: { marker } });
    expect(accepted.status).toBe(202);
    return accepted.body.executionId;
  }

  async function sendGo(current: TestServer, executionId: string): Promise<void> {
    const response = await current.admin(`/executions/${encodeURIComponent(executionId)}/events`, {
      method: 'POST',
      json: { name: 'go', payload: { note: 'go' } },
    });
    expect(response.status).toBe(202);
  }

  it('stores ciphertext in the history, while the API and the codec endpoint show it decoded', async () => {
    const current = await start('on', true);
    key = await createKey(current);
    workflowId = await createWorkflow(current, waitThenEcho(key.name));
    const marker = `marker-${randomBytes(8).toString('hex')}`;
    const executionId = await startRun(current, marker);
    await sendGo(current, executionId);
    const execution = await waitForRun(current, executionId);
    expect(execution.status).toBe('completed');

    // The API decodes: trigger payload and node outputs read as sent.
    expect(execution.trigger.payload).toMatchObject({ body: { marker } });
    expect(execution.nodes.echo?.output).toEqual({ marker });

    // The list reads what it needs from the search attributes when the memo is ciphertext.
    const listed = await body<{ items: { executionId: string; workflowId: string; version: number }[] }>(
      await current.admin(`/executions?workflowId=${workflowId}`),
    );
    expect(listed.items).toContainEqual(expect.objectContaining({ executionId, workflowId, version: 1 }));

    // Raw from Temporal: every payload but the search attributes (which Temporal must index) is ciphertext.
    const history = await fetchRawHistory(current, executionId);
    expect(history.json).not.toContain(marker);
    // Markers' own details are written by Temporal's core without the codec: a patch id (`patch-data`), or a
    // local activity's id, type and attempt (`data`; its result is a payload of its own, encrypted). No user data.
    const coreWritten = /\/markerRecordedEventAttributes\/details\/(patch-data|data)\//;
    const exposed = history.payloads.filter(
      (payload) => !payload.path.includes('/searchAttributes/') && !coreWritten.test(payload.path),
    );
    for (const payload of history.payloads.filter((p) => coreWritten.test(p.path))) {
      expect(payload.data).not.toContain(marker);
    }
    expect(exposed.length).toBeGreaterThan(3);
    for (const payload of exposed) {
      expect({ path: payload.path, encoding: payload.encoding }).toEqual({
        path: payload.path,
        encoding: 'binary/encrypted',
      });
      expect(payload.data).not.toContain(marker);
    }

    // The codec endpoint (what the Temporal UI calls) decodes the same payloads.
    const started = JSON.parse(history.json).events[0].workflowExecutionStartedEventAttributes.input
      .payloads as CodecPayload[];
    const decoded = await current.admin('/codec/decode', { method: 'POST', json: { payloads: started } });
    expect(decoded.status).toBe(200);
    expect(decoded.headers.get('cache-control')).toBe('no-store');
    const [input] = (await body<{ payloads: CodecPayload[] }>(decoded)).payloads;
    expect(text(input!.metadata.encoding!)).toBe('json/plain');
    expect(text(input!.data)).toContain(marker);

    // And encodes: what the UI sends (e.g. a signal's input) round-trips.
    const plain: CodecPayload = {
      metadata: { encoding: Buffer.from('json/plain').toString('base64') },
      data: Buffer.from(JSON.stringify({ hello: marker })).toString('base64'),
    };
    const encoded = await body<{ payloads: CodecPayload[] }>(
      await current.admin('/codec/encode', { method: 'POST', json: { payloads: [plain] } }),
    );
    expect(text(encoded.payloads[0]!.metadata.encoding!)).toBe('binary/encrypted');
    expect(text(encoded.payloads[0]!.data)).not.toContain(marker);
    const back = await body<{ payloads: CodecPayload[] }>(
      await current.admin('/codec/decode', { method: 'POST', json: encoded }),
    );
    expect(back.payloads).toEqual([plain]);
  });

  it('guards the codec endpoint: admin token, CORS for the Temporal UI origin only, 400 on malformed payloads', async () => {
    const current = server!;
    const uiOrigin = new URL(current.config.temporalUiUrl).origin;
    const anonymous = await fetch(`${current.baseUrl}/api/v1/codec/decode`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: uiOrigin },
      body: JSON.stringify({ payloads: [] }),
    });
    expect(anonymous.status).toBe(401);
    expect(anonymous.headers.get('access-control-allow-origin')).toBe(uiOrigin);

    const preflight = await fetch(`${current.baseUrl}/api/v1/codec/decode`, {
      method: 'OPTIONS',
      headers: {
        origin: uiOrigin,
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'x-namespace',
      },
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('access-control-allow-origin')).toBe(uiOrigin);
    expect(preflight.headers.get('access-control-allow-credentials')).toBe('true');
    expect(preflight.headers.get('access-control-allow-headers')).toContain('x-namespace');

    const elsewhere = await fetch(`${current.baseUrl}/api/v1/codec/decode`, {
      method: 'OPTIONS',
      headers: { origin: 'https://evil.example', 'access-control-request-method': 'POST' },
    });
    expect(elsewhere.headers.get('access-control-allow-origin')).toBeNull();

    // The Temporal UI's "include cross-origin credentials": the console's session cookie, no CSRF header.
    const signIn = await fetch(`${current.baseUrl}/api/v1/session`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ token: current.adminToken }),
    });
    const cookie = signIn.headers.getSetCookie()[0]!.split(';')[0]!;
    const withCookie = await fetch(`${current.baseUrl}/api/v1/codec/decode`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: uiOrigin, cookie, 'x-namespace': 'default' },
      body: JSON.stringify({ payloads: [] }),
    });
    expect(withCookie.status).toBe(200);
    expect(await withCookie.json()).toEqual({ payloads: [] });
    // Elsewhere the cookie still needs the CSRF header for a write.
    const rotate = await fetch(`${current.baseUrl}/api/v1/credentials/reencrypt`, {
      method: 'POST',
      headers: { cookie },
    });
    expect(rotate.status).toBe(403);

    const malformed = await current.admin('/codec/decode', { method: 'POST', json: { payloads: [{ data: '%%%' }] } });
    expect(malformed.status).toBe(400);
    expect((await body<{ error: { code: string } }>(malformed)).error.code).toBe('invalid_request');
  });

  it('keeps a run started with encryption on readable and running after it is turned off', async () => {
    const marker = `open-${randomBytes(8).toString('hex')}`;
    openRun = { executionId: await startRun(server!, marker), marker };
    // The run is waiting for its event (its first workflow task, with encrypted payloads, is done).
    await expect
      .poll(async () => {
        const response = await server!.admin(`/executions/${encodeURIComponent(openRun.executionId)}`);
        return (await body<{ nodes: Record<string, { status: string }> }>(response)).nodes.hold?.status;
      })
      .toBe('waiting');

    const current = await start('off', false);
    await sendGo(current, openRun.executionId);
    const execution = await waitForRun(current, openRun.executionId, 60_000);
    expect(execution.status).toBe('completed');
    expect(execution.trigger.payload).toMatchObject({ body: { marker } });
    expect(execution.nodes.echo?.output).toEqual({ marker });

    // Written before the switch: ciphertext; written after it: plain again.
    const history = await fetchRawHistory(current, openRun.executionId);
    const input = history.payloads.find((payload) =>
      payload.path.includes('workflowExecutionStartedEventAttributes/input'),
    );
    const result = history.payloads.find((payload) =>
      payload.path.includes('workflowExecutionCompletedEventAttributes'),
    );
    expect(input?.encoding).toBe('binary/encrypted');
    expect(result?.encoding).toBe('json/plain');
  });
});
