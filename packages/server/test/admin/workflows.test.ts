import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestServer } from '../support/test-server';
import {
  body,
  createApiKey,
  createWorkflow,
  expectError,
  startAdminServer,
  workflowDefinition,
  type ItemsJson,
  type WorkflowJson,
  type WorkflowSummaryJson,
} from './admin-fixtures';

/** User JSON with `$ref`, dotted keys, `$`-keys and a deliberate key order: must come back byte for byte. */
const awkwardInputSchema = {
  type: 'object',
  $defs: { 'order.id': { type: 'string', minLength: 1 } },
  properties: { 'order.id': { $ref: '#/$defs/order.id' }, $meta: { type: 'object' } },
  required: ['order.id'],
  zeta: 1,
  alpha: 2,
};

describe('admin API: workflows', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startAdminServer({ worker: false });
    await createApiKey(server, 'shop');
    await createApiKey(server, 'other');
  });
  afterAll(() => server.close());

  const get = async (path: string) => body<WorkflowJson>(await server.admin(path));

  it('creates a workflow: 201 with the resource, its webhook URL and a Location', async () => {
    const definition = workflowDefinition('order-alert', 'shop', { description: 'Alerts on orders' });
    const response = await server.admin('/workflows', { method: 'POST', json: definition });
    expect(response.status).toBe(201);
    const created = await body<WorkflowJson>(response);
    expect(created).toEqual({
      id: expect.stringMatching(/^wf_/) as unknown,
      name: 'order-alert',
      description: 'Alerts on orders',
      version: 1,
      enabled: true,
      trigger: { type: 'generic-webhook', apiKeyName: 'shop', config: {} },
      nodes: definition.nodes,
      edges: [],
      webhookUrl: `${server.baseUrl}/webhooks/${created.id}`,
      createdAt: expect.any(String) as unknown,
      updatedAt: expect.any(String) as unknown,
    });
    expect(response.headers.get('location')).toBe(`/api/v1/workflows/${created.id}`);
    expect(await get(`/workflows/${created.id}`)).toEqual(created);
  });

  it('round-trips user JSON exactly: $ref, dotted keys, key order', async () => {
    const definition = {
      name: 'awkward-json',
      trigger: { type: 'generic-webhook', apiKeyName: 'shop', config: {} },
      inputSchema: awkwardInputSchema,
      nodes: [
        {
          id: 'shape',
          type: 'transform',
          params: { value: { 'a.b': '{{ $trigger }}', $ref: 'not-a-ref', z: [1, { 'c.d': null }], a: true } },
        },
      ],
      edges: [],
    };
    const created = await createWorkflow(server, definition);
    const fetched = await get(`/workflows/${created.id}`);
    expect(JSON.stringify(fetched.inputSchema)).toBe(JSON.stringify(definition.inputSchema));
    expect(JSON.stringify(fetched.nodes)).toBe(JSON.stringify(definition.nodes));
  });

  it('keeps a `__proto__` key in user JSON as a plain key, without touching any prototype', async () => {
    const text =
      '{"name":"proto-keys","trigger":{"type":"generic-webhook","apiKeyName":"shop","config":{}},' +
      '"nodes":[{"id":"shape","type":"transform","params":{"value":{"__proto__":{"polluted":true},"k":1}}}],' +
      '"edges":[]}';
    const response = await server.admin('/workflows', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: text,
    });
    expect(response.status).toBe(201);
    const { id } = await body<WorkflowJson>(response);
    const fetched = await (await server.admin(`/workflows/${id}`)).text();
    expect(fetched).toContain('"params":{"value":{"__proto__":{"polluted":true},"k":1}}');
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('refuses an invalid definition with 400 invalid_workflow, each problem with its JSON Pointer', async () => {
    const error = await expectError(
      server.admin('/workflows', {
        method: 'POST',
        json: {
          name: 'Bad Name',
          trigger: { type: 'generic-webhook', apiKeyName: 'nobody', config: {} },
          nodes: [
            { id: 'a', type: 'no.such.type', params: {} },
            { id: 'b', type: 'transform', params: {} },
          ],
          edges: [
            { from: 'b', to: 'b' },
            { from: 'a', to: 'ghost' },
          ],
        },
      }),
      400,
      'invalid_workflow',
    );
    const paths = (error.details ?? []).map((detail) => detail.path);
    expect(paths).toEqual(
      expect.arrayContaining(['/name', '/trigger/apiKeyName', '/nodes/0/type', '/nodes/1/params/value', '/edges/1/to']),
    );
    for (const detail of error.details ?? []) expect(detail.message).toEqual(expect.any(String));
    const list = await body<ItemsJson<WorkflowSummaryJson>>(await server.admin('/workflows'));
    expect(list.items.map((item) => item.name)).not.toContain('Bad Name');
  });

  it('refuses a revoked key name, an unknown trigger type, a bad trigger config and a non-object body', async () => {
    const revoked = await createApiKey(server, 'gone');
    await server.admin(`/api-keys/${revoked.id}`, { method: 'DELETE' });
    const cases: [unknown, string][] = [
      [workflowDefinition('uses-revoked', 'gone'), '/trigger/apiKeyName'],
      [
        { ...workflowDefinition('bad-trigger', 'shop'), trigger: { type: 'nope', apiKeyName: 'shop', config: {} } },
        '/trigger/type',
      ],
      [
        {
          ...workflowDefinition('bad-config', 'shop'),
          trigger: { type: 'amazon-sns', apiKeyName: 'shop', config: { x: 1 } },
        },
        '/trigger/config/x',
      ],
    ];
    for (const [json, path] of cases) {
      const error = await expectError(server.admin('/workflows', { method: 'POST', json }), 400, 'invalid_workflow');
      expect(error.details?.map((detail) => detail.path)).toContain(path);
    }
    await expectError(server.admin('/workflows', { method: 'POST', json: [] }), 400, 'invalid_request');
    const notBoolean = await expectError(
      server.admin('/workflows', { method: 'POST', json: { ...workflowDefinition('x', 'shop'), enabled: 'yes' } }),
      400,
      'invalid_workflow',
    );
    expect(notBoolean.details?.[0]?.path).toBe('/enabled');
  });

  it('refuses a second workflow of the same name with 409 workflow_name_taken', async () => {
    await createWorkflow(server, workflowDefinition('unique-name', 'shop'));
    await expectError(
      server.admin('/workflows', { method: 'POST', json: workflowDefinition('unique-name', 'other') }),
      409,
      'workflow_name_taken',
    );
  });

  it('lists summaries by name, with webhook URLs and without graphs', async () => {
    const created = await createWorkflow(server, workflowDefinition('listed-b', 'shop', { enabled: false }));
    await createWorkflow(server, workflowDefinition('listed-a', 'shop'));
    const response = await server.admin('/workflows');
    expect(response.status).toBe(200);
    const { items } = await body<ItemsJson<WorkflowSummaryJson>>(response);
    const names = items.map((item) => item.name);
    expect(names).toEqual([...names].sort());
    const summary = items.find((item) => item.id === created.id);
    expect(summary).toEqual({
      id: created.id,
      name: 'listed-b',
      description: null,
      version: 1,
      enabled: false,
      triggerType: 'generic-webhook',
      webhookUrl: created.webhookUrl,
      createdAt: created.createdAt,
      updatedAt: created.updatedAt,
    });
  });

  it('saves a PUT as the next version and keeps older versions readable exactly', async () => {
    const v1 = await createWorkflow(
      server,
      workflowDefinition('versioned', 'shop', { inputSchema: awkwardInputSchema }),
    );
    const v2Definition = workflowDefinition('versioned', 'other', {
      description: 'second',
      nodes: [{ id: 'note', type: 'log', params: { message: 'v2' } }],
    });
    const put = await server.admin(`/workflows/${v1.id}`, { method: 'PUT', json: v2Definition });
    expect(put.status).toBe(200);
    const v2 = await body<WorkflowJson>(put);
    expect(v2).toMatchObject({ id: v1.id, version: 2, description: 'second', nodes: v2Definition.nodes });
    expect(v2.trigger.apiKeyName).toBe('other');
    expect(v2.inputSchema).toBeUndefined();

    expect(await get(`/workflows/${v1.id}`)).toEqual(v2);
    const old = await get(`/workflows/${v1.id}?version=1`);
    expect(JSON.stringify({ ...old, updatedAt: v1.updatedAt })).toBe(JSON.stringify(v1));
    expect((await get(`/workflows/${v1.id}?version=2`)).version).toBe(2);
  });

  it('accepts a resource it served back as a PUT body (GET, edit, PUT)', async () => {
    const created = await createWorkflow(server, workflowDefinition('edited-in-place', 'shop'));
    const fetched = await get(`/workflows/${created.id}`);
    const response = await server.admin(`/workflows/${created.id}`, {
      method: 'PUT',
      json: { ...fetched, description: 'edited' },
    });
    expect(response.status).toBe(200);
    expect(await body<WorkflowJson>(response)).toMatchObject({ version: 2, description: 'edited', enabled: true });
  });

  it('applies `enabled` sent with a PUT', async () => {
    const created = await createWorkflow(server, workflowDefinition('put-disables', 'shop'));
    const response = await server.admin(`/workflows/${created.id}`, {
      method: 'PUT',
      json: { ...workflowDefinition('put-disables', 'shop'), enabled: false },
    });
    expect(await body<WorkflowJson>(response)).toMatchObject({ version: 2, enabled: false });
  });

  it('refuses a PUT that is invalid, renames onto a taken name, or targets an unknown workflow', async () => {
    const created = await createWorkflow(server, workflowDefinition('put-target', 'shop'));
    await createWorkflow(server, workflowDefinition('put-taken', 'shop'));
    await expectError(
      server.admin(`/workflows/${created.id}`, {
        method: 'PUT',
        json: { ...workflowDefinition('put-target', 'shop'), nodes: 'x' },
      }),
      400,
      'invalid_workflow',
    );
    await expectError(
      server.admin(`/workflows/${created.id}`, { method: 'PUT', json: workflowDefinition('put-taken', 'shop') }),
      409,
      'workflow_name_taken',
    );
    await expectError(
      server.admin('/workflows/wf_unknown', { method: 'PUT', json: workflowDefinition('put-target', 'shop') }),
      404,
      'workflow_not_found',
    );
    expect((await get(`/workflows/${created.id}`)).version).toBe(1);
  });

  it('answers 404 workflow_not_found for unknown workflows and versions, 400 for a malformed version', async () => {
    const created = await createWorkflow(server, workflowDefinition('version-bounds', 'shop'));
    await expectError(server.admin('/workflows/wf_unknown'), 404, 'workflow_not_found');
    await expectError(server.admin(`/workflows/${created.id}?version=2`), 404, 'workflow_not_found');
    for (const version of ['0', '-1', 'abc', '1.5', '99999999999']) {
      await expectError(server.admin(`/workflows/${created.id}?version=${version}`), 400, 'invalid_request');
    }
    await expectError(server.admin(`/workflows/${created.id}?version=1&version=1`), 400, 'invalid_request');
  });

  it('enables and disables with PATCH {enabled}, and nothing else', async () => {
    const created = await createWorkflow(server, workflowDefinition('toggled', 'shop'));
    const patch = (json: unknown) => server.admin(`/workflows/${created.id}`, { method: 'PATCH', json });
    const disabled = await patch({ enabled: false });
    expect(disabled.status).toBe(200);
    expect(await body<WorkflowJson>(disabled)).toMatchObject({ id: created.id, enabled: false, version: 1 });
    expect((await get(`/workflows/${created.id}`)).enabled).toBe(false);
    expect(await body<WorkflowJson>(await patch({ enabled: true }))).toMatchObject({ enabled: true });

    for (const json of [{}, { enabled: 'false' }, { enabled: null }, { enabled: true, name: 'renamed' }]) {
      await expectError(patch(json), 400, 'invalid_request');
    }
    await expectError(
      server.admin('/workflows/wf_unknown', { method: 'PATCH', json: { enabled: true } }),
      404,
      'workflow_not_found',
    );
  });

  it('deletes with 204; the workflow, its versions and its name are gone', async () => {
    const created = await createWorkflow(server, workflowDefinition('deleted', 'shop'));
    await server.admin(`/workflows/${created.id}`, { method: 'PUT', json: workflowDefinition('deleted', 'shop') });
    const deleted = await server.admin(`/workflows/${created.id}`, { method: 'DELETE' });
    expect(deleted.status).toBe(204);
    await expectError(server.admin(`/workflows/${created.id}`), 404, 'workflow_not_found');
    await expectError(server.admin(`/workflows/${created.id}?version=1`), 404, 'workflow_not_found');
    await expectError(server.admin(`/workflows/${created.id}`, { method: 'DELETE' }), 404, 'workflow_not_found');
    const list = await body<ItemsJson<WorkflowSummaryJson>>(await server.admin('/workflows'));
    expect(list.items.map((item) => item.id)).not.toContain(created.id);
    await createWorkflow(server, workflowDefinition('deleted', 'shop'));
  });

  it("adds the trigger plugin's described fields (SNS subscriptions) and still accepts the resource back", async () => {
    const definition = {
      ...workflowDefinition('sns-described', 'shop'),
      trigger: { type: 'amazon-sns', apiKeyName: 'shop', config: { allowRawDelivery: false } },
    };
    const created = await createWorkflow(server, definition);
    expect(created.subscriptions).toEqual([]);
    const fetched = await get(`/workflows/${created.id}`);
    expect(fetched.subscriptions).toEqual([]);
    const put = await server.admin(`/workflows/${created.id}`, { method: 'PUT', json: fetched });
    expect(put.status).toBe(200);
    expect(await body<WorkflowJson>(put)).toMatchObject({ version: 2, subscriptions: [] });
  });
});
