import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestServer } from '../support/test-server';
import {
  body,
  createApiKey,
  createWorkflow,
  expectError,
  startAdminServer,
  workflowDefinition,
  type DeliveryJson,
  type ItemsJson,
  type NodeTypeResource,
  type TriggerTypeResource,
} from './admin-fixtures';

describe('admin API: delivery log and plugin types', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startAdminServer({ worker: false });
    await createApiKey(server, 'shop');
  });
  afterAll(() => server.close());

  async function deliveries(query: string): Promise<DeliveryJson[]> {
    const response = await server.admin(query);
    expect(response.status).toBe(200);
    return (await body<ItemsJson<DeliveryJson>>(response)).items;
  }

  it("lists a workflow's deliveries newest first, bounded by ?limit", async () => {
    const workflow = await createWorkflow(server, workflowDefinition('logged', 'shop'));
    expect(await deliveries(`/workflows/${workflow.id}/deliveries`)).toEqual([]);
    const base = Date.parse('2026-01-01T00:00:00Z');
    for (let index = 0; index < 3; index++) {
      await server.ctx.store.deliveries.recordDelivery(workflow.id, {
        receivedAt: new Date(base + index * 1000),
        triggerType: 'generic-webhook',
        outcome: index === 1 ? 'rejected' : 'accepted',
        status: index === 1 ? 401 : 202,
        ...(index === 1
          ? { errorCode: 'unauthorized', reason: 'wrong key' }
          : { executionId: `${workflow.id}:d${index}` }),
        sourceIp: '127.0.0.1',
        bytes: 10 + index,
      });
    }
    const all = await deliveries(`/workflows/${workflow.id}/deliveries`);
    expect(all.map((delivery) => delivery.bytes)).toEqual([12, 11, 10]);
    expect(all[1]).toEqual({
      id: expect.any(String) as unknown,
      receivedAt: new Date(base + 1000).toISOString(),
      triggerType: 'generic-webhook',
      outcome: 'rejected',
      status: 401,
      errorCode: 'unauthorized',
      reason: 'wrong key',
      sourceIp: '127.0.0.1',
      bytes: 11,
    });
    expect((await deliveries(`/workflows/${workflow.id}/deliveries?limit=2`)).map((d) => d.bytes)).toEqual([12, 11]);
    expect(await deliveries(`/workflows/${workflow.id}/deliveries?limit=1000`)).toHaveLength(3);
  });

  it('refuses a bad limit with 400 and an unknown workflow with 404', async () => {
    const workflow = await createWorkflow(server, workflowDefinition('logged-bounds', 'shop'));
    for (const limit of ['0', '1001', '-5', 'all', '2.5']) {
      await expectError(server.admin(`/workflows/${workflow.id}/deliveries?limit=${limit}`), 400, 'invalid_request');
    }
    await expectError(server.admin('/workflows/wf_unknown/deliveries'), 404, 'workflow_not_found');
  });

  it('lists the trigger types of the loaded plugins with their config schemas', async () => {
    const response = await server.admin('/trigger-types');
    expect(response.status).toBe(200);
    const { items } = await body<ItemsJson<TriggerTypeResource>>(response);
    expect(items.map((item) => item.type)).toEqual(expect.arrayContaining(['generic-webhook', 'amazon-sns']));
    const sns = items.find((item) => item.type === 'amazon-sns');
    expect(sns).toMatchObject({
      displayName: 'Amazon SNS',
      description: expect.any(String) as unknown,
      source: '@hookflow/triggers-sns',
      configSchema: { type: 'object', properties: { topicArns: expect.any(Object) as unknown } },
    });
  });

  it('lists the node types, control and action, with their params schemas', async () => {
    const response = await server.admin('/node-types');
    expect(response.status).toBe(200);
    const { items } = await body<ItemsJson<NodeTypeResource>>(response);
    const byType = new Map(items.map((item) => [item.type, item]));
    for (const control of ['condition', 'delay', 'wait', 'fail']) {
      expect(byType.get(control)).toMatchObject({ kind: 'control', source: 'built-in' });
    }
    for (const action of ['http.request', 'transform', 'log']) {
      expect(byType.get(action)).toMatchObject({ kind: 'action', source: '@hookflow/engine/nodes' });
    }
    expect(byType.get('wait')?.paramsSchema).toMatchObject({ required: ['event'] });
    for (const item of items) {
      expect(Object.keys(item).sort()).toEqual([
        'acceptsCredentials',
        'description',
        'displayName',
        'kind',
        'paramsSchema',
        'source',
        'type',
      ]);
    }
  });
});
