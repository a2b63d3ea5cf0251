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
} from './admin-fixtures';

interface PageJson<T> extends ItemsJson<T> {
  nextPageToken: string | null;
}

/** `limit`/`pageToken` on every store-backed list, and a workflow's versions. */
describe('admin API: paging and versions', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startAdminServer({ worker: false });
    for (const name of ['k1', 'k2', 'k3']) await createApiKey(server, name);
  });
  afterAll(() => server.close());

  /** Every item of a list, walked page by page with `limit`; also returns the page count. */
  async function walk<T>(path: string, limit: number): Promise<{ items: T[]; pages: number }> {
    const items: T[] = [];
    let token: string | null = null;
    let pages = 0;
    do {
      const separator = path.includes('?') ? '&' : '?';
      const query = `${separator}limit=${limit}${token ? `&pageToken=${encodeURIComponent(token)}` : ''}`;
      const response = await server.admin(`${path}${query}`);
      expect(response.status).toBe(200);
      const page = await body<PageJson<T>>(response);
      expect(page.items.length).toBeLessThanOrEqual(limit);
      items.push(...page.items);
      token = page.nextPageToken;
      pages++;
    } while (token !== null && pages < 10);
    return { items, pages };
  }

  it('pages API keys, oldest first, and says null on the last page', async () => {
    const all = await body<PageJson<{ name: string }>>(await server.admin('/api-keys'));
    expect(all.nextPageToken).toBeNull();
    const walked = await walk<{ name: string }>('/api-keys', 2);
    expect(walked.pages).toBe(2);
    expect(walked.items.map((key) => key.name)).toEqual(['k1', 'k2', 'k3']);
  });

  it('pages workflows by name', async () => {
    for (const name of ['wf-c', 'wf-a', 'wf-b']) await createWorkflow(server, workflowDefinition(name, 'k1'));
    const walked = await walk<{ name: string }>('/workflows', 1);
    expect(walked.pages).toBe(3);
    expect(walked.items.map((workflow) => workflow.name)).toEqual(['wf-a', 'wf-b', 'wf-c']);
  });

  it('pages a delivery log, newest first, entries with equal times included', async () => {
    const workflow = await createWorkflow(server, workflowDefinition('logged', 'k1'));
    const at = new Date('2026-01-01T00:00:00Z');
    for (let index = 0; index < 5; index++) {
      await server.ctx.store.deliveries.recordDelivery(workflow.id, {
        // Two pairs share a timestamp: the page boundary must not lose or repeat either.
        receivedAt: new Date(at.getTime() + Math.floor(index / 2) * 1000),
        triggerType: 'generic-webhook',
        outcome: 'rejected',
        status: 401,
        errorCode: 'unauthorized',
        sourceIp: '127.0.0.1',
        bytes: index,
      });
    }
    const walked = await walk<{ bytes: number }>(`/workflows/${workflow.id}/deliveries`, 2);
    expect(walked.pages).toBe(3);
    expect(walked.items.map((delivery) => delivery.bytes)).toEqual([4, 3, 2, 1, 0]);
  });

  it("lists a workflow's versions newest first, paged", async () => {
    const definition = workflowDefinition('versioned', 'k1');
    const created = await createWorkflow(server, definition);
    for (const description of ['second', 'third']) {
      const response = await server.admin(`/workflows/${created.id}`, {
        method: 'PUT',
        json: { ...definition, description },
      });
      expect(response.status).toBe(200);
    }
    const page = await body<PageJson<{ version: number; createdAt: string }>>(
      await server.admin(`/workflows/${created.id}/versions`),
    );
    expect(page.items.map((item) => item.version)).toEqual([3, 2, 1]);
    expect(page.nextPageToken).toBeNull();
    expect(Object.keys(page.items[0]!).sort()).toEqual(['createdAt', 'version']);
    const times = page.items.map((item) => Date.parse(item.createdAt));
    expect([...times].sort((a, b) => b - a)).toEqual(times);

    const walked = await walk<{ version: number }>(`/workflows/${created.id}/versions`, 2);
    expect(walked.items.map((item) => item.version)).toEqual([3, 2, 1]);
    await expectError(server.admin('/workflows/wf_unknown/versions'), 404, 'workflow_not_found');
  });

  it('refuses bad limits and page tokens it cannot read', async () => {
    const workflow = await createWorkflow(server, workflowDefinition('bounds', 'k1'));
    const lists = [
      '/api-keys',
      '/workflows',
      `/workflows/${workflow.id}/versions`,
      `/workflows/${workflow.id}/deliveries`,
    ];
    for (const list of lists) {
      for (const limit of ['0', '1001', 'ten']) {
        await expectError(server.admin(`${list}?limit=${limit}`), 400, 'invalid_request');
      }
      for (const token of ['not*a*token', 'e30', Buffer.from('[1]').toString('base64url'), 'x'.repeat(2000)]) {
        await expectError(server.admin(`${list}?pageToken=${token}`), 400, 'invalid_page_token');
      }
    }
  });
});
