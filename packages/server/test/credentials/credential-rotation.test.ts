import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testStack, uniqueName } from '@hookflow/dev-stack/testing';
import type { WorkflowDefinition } from '@hookflow/engine';
import { body, startAdminServer } from '../admin/admin-fixtures';
import { newEncryptionKey, type TestServer } from '../support/test-server';
import { createKey, createWorkflow, postWebhook, waitForRun, type TestKey } from '../webhooks/support/webhook-fixtures';
import { startPartnerApi, type PartnerApi, type ReceivedRequest } from './support/partner-api';

/** One credential of each built-in type, and what the partner must receive for it. */
const CREDENTIALS: {
  type: string;
  data: Record<string, string>;
  sent: (request: ReceivedRequest) => string | undefined;
}[] = [
  { type: 'bearer', data: { token: `tok_${randomBytes(8).toString('hex')}` }, sent: (r) => r.headers.authorization },
  {
    type: 'basic',
    data: { username: 'ops', password: `pw_${randomBytes(8).toString('hex')}` },
    sent: (r) => r.headers.authorization,
  },
  {
    type: 'header',
    data: { name: 'X-Partner-Key', value: `hk_${randomBytes(8).toString('hex')}` },
    sent: (r) => r.headers['x-partner-key'] as string,
  },
  {
    type: 'query',
    data: { name: 'key', value: `qk_${randomBytes(8).toString('hex')}` },
    sent: (r) => new URL(r.url, 'http://x').searchParams.get('key') ?? undefined,
  },
];

function expectedValue(type: string, data: Record<string, string>): string {
  if (type === 'bearer') return `Bearer ${data.token}`;
  if (type === 'basic') return `Basic ${Buffer.from(`${data.username}:${data.password}`).toString('base64')}`;
  return data.value!;
}

describe('credential rotation and key rotation', () => {
  const stack = testStack();
  // One database and task queue for the successive servers, as a restart with new settings would see them.
  const shared = {
    MONGODB_URI: `${stack.mongodbUri}/${uniqueName('rotation')}`,
    HOOKFLOW_TASK_QUEUE: uniqueName('rotation'),
  };
  const firstKey = newEncryptionKey();
  const secondKey = newEncryptionKey();
  let partner: PartnerApi;
  let server: TestServer | undefined;
  let key: TestKey;
  const workflows = new Map<string, { workflowId: string; credentialId: string }>();

  beforeAll(async () => {
    partner = await startPartnerApi();
  });

  afterAll(async () => {
    await server?.close();
    await partner?.close();
  });

  async function restart(env: Record<string, string>, keepDatabase = true): Promise<TestServer> {
    await server?.close();
    server = await startAdminServer({ env: { ...shared, ...env }, keepDatabase });
    return server;
  }

  /** Runs the workflow of `type` once; returns what the partner received. */
  async function runOnce(type: string): Promise<ReceivedRequest> {
    const { workflowId } = workflows.get(type)!;
    const before = partner.received.length;
    const accepted = await postWebhook(server!, workflowId, {
      key: key.key,
      body: { n: randomBytes(4).toString('hex') },
    });
    expect(accepted.status).toBe(202);
    const execution = await waitForRun(server!, accepted.body.executionId);
    expect(execution.status, JSON.stringify(execution.nodes)).toBe('completed');
    expect(partner.received.length).toBe(before + 1);
    return partner.received.at(-1)!;
  }

  it('uses every credential type, encrypted under the first key', async () => {
    const current = await restart({ HOOKFLOW_ENCRYPTION_KEY: firstKey });
    key = await createKey(current);
    for (const credential of CREDENTIALS) {
      const response = await current.admin('/credentials', {
        method: 'POST',
        json: { name: uniqueName(credential.type), type: credential.type, data: credential.data },
      });
      const created = await body<{ id: string; name: string }>(response);
      expect(response.status).toBe(201);
      const definition: WorkflowDefinition = {
        name: uniqueName(`call-${credential.type}`),
        trigger: { type: 'generic-webhook', apiKeyName: key.name, config: {} },
        nodes: [
          {
            id: 'call',
            type: 'http.request',
            credential: created.name,
            params: { method: 'GET', url: `${partner.url}/ping` },
          },
        ],
        edges: [],
      };
      workflows.set(credential.type, {
        workflowId: await createWorkflow(current, definition),
        credentialId: created.id,
      });
      expect(credential.sent(await runOnce(credential.type))).toBe(expectedValue(credential.type, credential.data));
    }
  });

  it('after PUT /credentials/:id, nodes send the new value within 5 s, and never the old one again', async () => {
    const bearer = CREDENTIALS[0]!;
    const newToken = `tok_${randomBytes(8).toString('hex')}`;
    expect(bearer.sent(await runOnce('bearer'))).toBe(`Bearer ${bearer.data.token}`);

    const rotatedAt = Date.now();
    const response = await server!.admin(`/credentials/${workflows.get('bearer')!.credentialId}`, {
      method: 'PUT',
      json: { data: { token: newToken } },
    });
    expect(response.status).toBe(200);
    bearer.data.token = newToken;

    // Runs one after another until one starts more than 5 s after the PUT: that one must send the new value.
    const seen: { startedAfterMs: number; value: string | undefined }[] = [];
    while (seen.length === 0 || seen.at(-1)!.startedAfterMs <= 5000) {
      const startedAfterMs = Date.now() - rotatedAt;
      seen.push({ startedAfterMs, value: bearer.sent(await runOnce('bearer')) });
    }
    expect(seen.at(-1)!.value).toBe(`Bearer ${newToken}`);
    const firstNew = seen.findIndex((entry) => entry.value === `Bearer ${newToken}`);
    expect(seen.slice(firstNew).every((entry) => entry.value === `Bearer ${newToken}`)).toBe(true);
    console.log(
      `[rotation] first run sending the new value started ${seen[firstNew]!.startedAfterMs} ms after the PUT`,
    );
  });

  it('after a key rotation with _PREVIOUS and re-encryption, every credential still works under the new key alone', async () => {
    // The new key, with the old one still able to decrypt.
    let current = await restart({ HOOKFLOW_ENCRYPTION_KEY: secondKey, HOOKFLOW_ENCRYPTION_KEY_PREVIOUS: firstKey });
    for (const credential of CREDENTIALS) {
      expect(credential.sent(await runOnce(credential.type))).toBe(expectedValue(credential.type, credential.data));
    }
    const reencrypt = await current.admin('/credentials/reencrypt', { method: 'POST' });
    expect(reencrypt.status).toBe(200);
    expect(await body(reencrypt)).toEqual({ total: 4, reencrypted: 4, alreadyCurrent: 0, failed: [] });

    // The old key is gone: every value must now be under the new one.
    current = await restart({ HOOKFLOW_ENCRYPTION_KEY: secondKey }, false);
    for (const credential of CREDENTIALS) {
      expect(credential.sent(await runOnce(credential.type))).toBe(expectedValue(credential.type, credential.data));
    }
    const again = await current.admin('/credentials/reencrypt', { method: 'POST' });
    expect(await body(again)).toEqual({ total: 4, reencrypted: 0, alreadyCurrent: 4, failed: [] });
  });
});
