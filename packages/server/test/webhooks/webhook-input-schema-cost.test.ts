import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { uniqueName } from '@hookflow/dev-stack/testing';
import { startServerProcess, type ServerProcess } from '../support/server-process';

/**
 * What checking a webhook against its workflow's `inputSchema` may cost the server: the sender controls
 * the data, the admin the schema. Runs against a server process of its own, so that a blocked event loop
 * shows as a request that is not served, rather than as a test that stops.
 */
describe('inputSchema validation cost', () => {
  let server: ServerProcess;
  let apiKey: string;
  let keyName: string;

  beforeAll(async () => {
    server = await startServerProcess({ HOOKFLOW_PLUGINS: '@hookflow/triggers-generic,@hookflow/engine/nodes' });
    keyName = uniqueName('key');
    const created = await server.admin('/api-keys', { method: 'POST', json: { name: keyName } });
    expect(created.status).toBe(201);
    apiKey = ((await created.json()) as { key: string }).key;
  });
  afterAll(() => server?.close());

  function workflow(inputSchema: object, name: string) {
    return {
      name,
      trigger: { type: 'generic-webhook', apiKeyName: keyName, config: {} },
      inputSchema,
      nodes: [{ id: 'note', type: 'log', params: { message: 'got it' } }],
      edges: [],
    };
  }

  async function save(inputSchema: object, name = uniqueName('schema-cost')): Promise<Response> {
    return server.admin('/workflows', { method: 'POST', json: workflow(inputSchema, name) });
  }

  function send(workflowId: string, body: string): Promise<Response> {
    return fetch(`${server.baseUrl}/webhooks/${workflowId}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-api-key': apiKey },
      body,
    });
  }

  it('answers hostile bodies with a short error list while serving other requests', async () => {
    const saved = await save({
      type: 'object',
      properties: {
        // A pattern that backtracks exponentially on V8's engine: `a`×50 + `!` would take days.
        code: { type: 'string', pattern: '^(a+)+$' },
        items: { type: 'array', items: { type: 'string' } },
      },
    });
    expect(saved.status).toBe(201);
    const { id } = (await saved.json()) as { id: string };

    // Hostile requests first, then a health check sent while they are in flight.
    const backtracking = send(id, JSON.stringify({ code: `${'a'.repeat(50)}!` }));
    const manyErrors = send(id, JSON.stringify({ items: new Array<number>(500_000).fill(0) }));
    const health = fetch(`${server.baseUrl}/healthz`);

    expect((await health).status).toBe(200);
    const [first, second] = await Promise.all([backtracking, manyErrors]);
    expect(first.status).toBe(422);
    const firstBody = (await first.json()) as { error: { code: string; details: { path: string }[] } };
    expect(firstBody.error.code).toBe('payload_invalid');
    expect(firstBody.error.details).toEqual([expect.objectContaining({ path: '/code', keyword: 'pattern' })]);

    expect(second.status).toBe(422);
    const secondBody = (await second.json()) as { error: { details: { path: string }[] } };
    // Validation stopped at the first wrong item instead of describing all half a million.
    expect(secondBody.error.details).toEqual([expect.objectContaining({ path: '/items/0', keyword: 'type' })]);

    // And a good request still runs.
    expect((await send(id, JSON.stringify({ code: 'aaa', items: ['x'] }))).status).toBe(202);
  });

  it('refuses on save an inputSchema with uniqueItems but no maxItems (400 invalid_workflow, at its path)', async () => {
    const name = uniqueName('unbounded-unique');
    const refused = await save({ type: 'object', properties: { tags: { type: 'array', uniqueItems: true } } }, name);
    expect(refused.status).toBe(400);
    const body = (await refused.json()) as { error: { code: string; details: { path: string; message: string }[] } };
    expect(body.error.code).toBe('invalid_workflow');
    expect(body.error.details).toEqual([
      {
        path: '/inputSchema/properties/tags/uniqueItems',
        message: expect.stringContaining('uniqueItems needs a maxItems') as string,
      },
    ]);
    // Changes nothing: no workflow of that name was created.
    const list = (await (await server.admin('/workflows?limit=100')).json()) as { items: { name: string }[] };
    expect(list.items.map((item) => item.name)).not.toContain(name);

    const bounded = await save({
      type: 'object',
      properties: { tags: { type: 'array', uniqueItems: true, maxItems: 1000 } },
    });
    expect(bounded.status).toBe(201);
  });

  it('refuses on save an inputSchema pattern that needs backtracking (400 invalid_workflow)', async () => {
    const refused = await save({ type: 'object', properties: { name: { type: 'string', pattern: '^(?!admin).*$' } } });
    expect(refused.status).toBe(400);
    const body = (await refused.json()) as { error: { code: string; details: { path: string }[] } };
    expect(body.error.code).toBe('invalid_workflow');
    expect(body.error.details).toEqual([expect.objectContaining({ path: '/inputSchema/properties/name/pattern' })]);
  });
});
