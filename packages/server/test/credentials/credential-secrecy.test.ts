import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { uniqueName } from '@hookflow/dev-stack/testing';
import type { WorkflowDefinition } from '@hookflow/engine';
import { body, expectError, startAdminServer, type NodeTypeResource } from '../admin/admin-fixtures';
import type { TestServer } from '../support/test-server';
import {
  createKey,
  createWorkflow,
  deleteWorkflow,
  deliveriesOf,
  postWebhook,
  waitForRun,
  type TestKey,
} from '../webhooks/support/webhook-fixtures';
import { startPartnerApi, type PartnerApi } from './support/partner-api';
import { fetchRawHistory } from './support/temporal-history';

interface CredentialJson {
  id: string;
  name: string;
  type: string;
  fields: string[];
  usedBy: { id: string; name: string }[];
  createdAt: string;
  updatedAt: string;
}

function callPartner(partner: PartnerApi, apiKeyName: string, credential: string): WorkflowDefinition {
  return {
    name: uniqueName('partner-call'),
    trigger: { type: 'generic-webhook', apiKeyName, config: {} },
    nodes: [
      {
        id: 'call',
        type: 'http.request',
        credential,
        params: {
          method: 'POST',
          url: `${partner.url}/orders?ref={{ $trigger.body.orderId }}`,
          body: '{{ $trigger.body }}',
        },
      },
    ],
    edges: [],
  };
}

describe('credentials: a value nobody can read back', () => {
  let server: TestServer;
  let partner: PartnerApi;
  let key: TestKey;

  beforeAll(async () => {
    server = await startAdminServer();
    partner = await startPartnerApi();
    key = await createKey(server);
  });

  afterAll(async () => {
    await server?.close();
    await partner?.close();
  });

  async function createCredential(name: string, type: string, data: Record<string, unknown>): Promise<CredentialJson> {
    const response = await server.admin('/credentials', { method: 'POST', json: { name, type, data } });
    const json = await body<CredentialJson>(response);
    expect(response.status, JSON.stringify(json)).toBe(201);
    return json;
  }

  it('sends a bearer token to the partner, then the value is found nowhere', async () => {
    const token = `sk_live_${randomBytes(16).toString('hex')}`;
    const answers: string[] = [];
    const created = await createCredential(uniqueName('partner-api'), 'bearer', { token });
    answers.push(JSON.stringify(created));
    expect(created).toMatchObject({ type: 'bearer', fields: ['token'], usedBy: [] });

    const workflowId = await createWorkflow(server, callPartner(partner, key.name, created.name));
    const accepted = await postWebhook(server, workflowId, { key: key.key, body: { orderId: 'A-17', amount: 5 } });
    expect(accepted.status).toBe(202);
    const execution = await waitForRun(server, accepted.body.executionId);
    expect(execution.status).toBe('completed');

    // The partner got it...
    expect(partner.received.at(-1)?.headers.authorization).toBe(`Bearer ${token}`);
    // ...and its echo of the header was scrubbed from the node's output.
    expect(JSON.stringify(execution.nodes.call?.output)).toContain('[credential]');

    for (const path of [
      `/credentials`,
      `/credentials/${created.id}`,
      `/workflows/${workflowId}`,
      `/workflows/${workflowId}/deliveries`,
      `/executions/${encodeURIComponent(accepted.body.executionId)}`,
      `/executions?workflowId=${workflowId}`,
      `/node-types`,
    ]) {
      const response = await server.admin(path);
      expect(response.status, path).toBe(200);
      answers.push(await response.text());
    }
    answers.push(JSON.stringify(await deliveriesOf(server, workflowId)));
    const history = await fetchRawHistory(server, accepted.body.executionId);

    const encodings = [token, Buffer.from(token).toString('base64'), encodeURIComponent(token)];
    for (const text of [...answers, history.json, ...history.payloads.map((p) => p.data), ...server.logLines]) {
      for (const encoded of encodings) expect(text).not.toContain(encoded);
    }
    // The history does name the credential the node used, and only by name.
    expect(history.payloads.some((payload) => payload.data.includes(`"credential":"${created.name}"`))).toBe(true);
    expect((await server.admin(`/credentials/${created.id}`).then((r) => body<CredentialJson>(r))).usedBy).toEqual([
      { id: workflowId, name: expect.any(String) as string },
    ]);
  });

  it('applies each built-in type: bearer, basic, header and query', async () => {
    const cases: {
      type: string;
      data: Record<string, string>;
      check: (received: PartnerApi['received'][number]) => void;
    }[] = [
      {
        type: 'basic',
        data: { username: 'shop-user', password: 'p@ss:word é' },
        check: (r) =>
          expect(r.headers.authorization).toBe(`Basic ${Buffer.from('shop-user:p@ss:word é').toString('base64')}`),
      },
      {
        type: 'header',
        data: { name: 'X-Partner-Key', value: 'pk_header_value' },
        check: (r) => expect(r.headers['x-partner-key']).toBe('pk_header_value'),
      },
      {
        type: 'query',
        data: { name: 'api_key', value: 'pk query&value' },
        check: (r) => expect(new URL(r.url, partner.url).searchParams.get('api_key')).toBe('pk query&value'),
      },
    ];
    for (const testCase of cases) {
      const created = await createCredential(uniqueName(testCase.type), testCase.type, testCase.data);
      expect(created.fields).toEqual(Object.keys(testCase.data));
      const workflowId = await createWorkflow(server, callPartner(partner, key.name, created.name));
      const accepted = await postWebhook(server, workflowId, { key: key.key, body: { orderId: 'B-2' } });
      const execution = await waitForRun(server, accepted.body.executionId);
      expect(execution.status, JSON.stringify(execution.nodes)).toBe('completed');
      testCase.check(partner.received.at(-1)!);
      const history = await fetchRawHistory(server, accepted.body.executionId);
      const secret = testCase.data.value ?? testCase.data.password!;
      expect([history.json, ...history.payloads.map((p) => p.data)].join('\n')).not.toContain(secret);
      expect(JSON.stringify(execution)).not.toContain(secret);
    }
  });

  it('checks a node credential on save: it exists and its type is one the node type accepts', async () => {
    const partnerCall = callPartner(partner, key.name, 'no-such-credential');
    const missing = await expectError(
      server.admin('/workflows', { method: 'POST', json: partnerCall }),
      400,
      'invalid_workflow',
    );
    expect(missing.details).toEqual([
      { path: '/nodes/0/credential', message: 'no credential is named "no-such-credential"' },
    ]);

    const created = await createCredential(uniqueName('for-log'), 'bearer', { token: 'tok-for-log' });
    const onLog = {
      ...partnerCall,
      nodes: [{ id: 'note', type: 'log', credential: created.name, params: { message: 'hi' } }],
    };
    const refused = await expectError(
      server.admin('/workflows', { method: 'POST', json: onLog }),
      400,
      'invalid_workflow',
    );
    expect(refused.details).toEqual([{ path: '/nodes/0/credential', message: 'node type "log" takes no credential' }]);

    const nodeTypes = await body<{ items: NodeTypeResource[] }>(await server.admin('/node-types'));
    expect(nodeTypes.items.find((type) => type.type === 'http.request')?.acceptsCredentials).toEqual([
      'bearer',
      'basic',
      'header',
      'query',
    ]);
    expect(nodeTypes.items.find((type) => type.type === 'log')?.acceptsCredentials).toEqual([]);
    const credentialTypes = await body<{ items: { type: string }[] }>(await server.admin('/credential-types'));
    expect(credentialTypes.items.map((type) => type.type)).toEqual(['bearer', 'basic', 'header', 'query']);
  });

  it('refuses bad credentials with 4xx and stable codes, without echoing values', async () => {
    const name = uniqueName('refusals');
    const unknownType = await expectError(
      server.admin('/credentials', { method: 'POST', json: { name, type: 'oauth9', data: { token: 'x' } } }),
      400,
      'invalid_credential',
    );
    expect(unknownType.details).toEqual([
      { path: '/type', message: expect.stringContaining('unknown credential type "oauth9"') as string },
    ]);
    const badData = await expectError(
      server.admin('/credentials', {
        method: 'POST',
        json: { name, type: 'bearer', data: { token: 'line\nbreak-secret' } },
      }),
      400,
      'invalid_credential',
    );
    expect(JSON.stringify(badData)).not.toContain('break-secret');
    await expectError(
      server.admin('/credentials', { method: 'POST', json: { name, type: 'bearer' } }),
      400,
      'invalid_credential',
    );
    await createCredential(name, 'bearer', { token: 'first' });
    await expectError(
      server.admin('/credentials', { method: 'POST', json: { name, type: 'bearer', data: { token: 'again' } } }),
      409,
      'credential_name_taken',
    );
    await expectError(server.admin('/credentials/cr_000000000000000000000000'), 404, 'credential_not_found');
  });

  it('pages the list by name with limit and pageToken', async () => {
    const prefix = uniqueName('paged');
    for (const suffix of ['c', 'a', 'b'])
      await createCredential(`${prefix}-${suffix}`, 'bearer', { token: `tok-${suffix}` });
    const names: string[] = [];
    let pageToken: string | null = null;
    do {
      const query: string = pageToken ? `&pageToken=${pageToken}` : '';
      const page = await body<{ items: CredentialJson[]; nextPageToken: string | null }>(
        await server.admin(`/credentials?limit=2${query}`),
      );
      expect(page.items.length).toBeLessThanOrEqual(2);
      names.push(...page.items.map((item) => item.name));
      pageToken = page.nextPageToken;
    } while (pageToken);
    const mine = names.filter((name) => name.startsWith(prefix));
    expect(mine).toEqual([`${prefix}-a`, `${prefix}-b`, `${prefix}-c`]);
    expect(names).toEqual([...names].sort());
    await expectError(server.admin('/credentials?pageToken=not-a-token!'), 400, 'invalid_page_token');
  });

  it('refuses to delete a credential in use, naming the workflows (409), and deletes it once unused', async () => {
    const created = await createCredential(uniqueName('in-use'), 'bearer', { token: 'tok-in-use' });
    const first = await createWorkflow(server, callPartner(partner, key.name, created.name));
    const second = await createWorkflow(server, callPartner(partner, key.name, created.name));
    const workflowNames = await Promise.all(
      [first, second].map(async (id) => (await body<{ name: string }>(await server.admin(`/workflows/${id}`))).name),
    );

    const refusal = await expectError(
      server.admin(`/credentials/${created.id}`, { method: 'DELETE' }),
      409,
      'credential_in_use',
    );
    for (const name of workflowNames) expect(refusal.message).toContain(name);
    expect(refusal.details?.map((detail) => detail.workflowId).sort()).toEqual([first, second].sort());

    await deleteWorkflow(server, first);
    await deleteWorkflow(server, second);
    expect((await server.admin(`/credentials/${created.id}`, { method: 'DELETE' })).status).toBe(204);
    await expectError(server.admin(`/credentials/${created.id}`), 404, 'credential_not_found');
  });
});
