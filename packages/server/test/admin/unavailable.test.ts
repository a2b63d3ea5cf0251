import { mkdtemp } from 'node:fs/promises';
import path from 'node:path';
import { findFreePort, resolveDatabaseBinary, startDatabase, type RunningDatabase } from '@hookflow/dev-stack';
import { testStack } from '@hookflow/dev-stack/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestServer } from '../support/test-server';
import { createApiKey, createWorkflow, expectError, startAdminServer, workflowDefinition } from './admin-fixtures';

async function expectUnavailable(response: Promise<Response>): Promise<void> {
  const answered = await response;
  expect(answered.headers.get('retry-after')).toMatch(/^\d+$/);
  await expectError(answered, 503, 'unavailable');
}

describe('admin API: Temporal unreachable', () => {
  let server: TestServer;
  let workflowId: string;
  beforeAll(async () => {
    // Nothing listens there: every Temporal call fails to connect.
    server = await startAdminServer({ temporalAddress: `127.0.0.1:${await findFreePort()}`, worker: false });
    await createApiKey(server, 'shop');
    workflowId = (await createWorkflow(server, workflowDefinition('no-temporal', 'shop'))).id;
  });
  afterAll(() => server.close());

  it('answers 503 unavailable with Retry-After instead of hanging or failing with 500', async () => {
    // In parallel: each waits out the server's Temporal deadline (5 s).
    await Promise.all([
      expectUnavailable(server.admin(`/workflows/${workflowId}/runs`, { method: 'POST', json: { payload: {} } })),
      expectUnavailable(server.admin('/executions')),
      expectUnavailable(server.admin(`/executions/${workflowId}:x`)),
      expectUnavailable(server.admin(`/executions/${workflowId}:x/events`, { method: 'POST', json: { name: 'x' } })),
      expectUnavailable(server.admin(`/executions/${workflowId}:x/cancel`, { method: 'POST' })),
    ]);
  });

  it('keeps serving what needs only MongoDB', async () => {
    expect((await server.admin(`/workflows/${workflowId}`)).status).toBe(200);
  });
});

describe('admin API: MongoDB unreachable', () => {
  let database: RunningDatabase;
  let server: TestServer;
  let workflowId: string;
  beforeAll(async () => {
    const dir = await mkdtemp(path.join(testStack().home, 'admin-mongo-down-'));
    database = await startDatabase({
      binary: await resolveDatabaseBinary(() => undefined),
      port: await findFreePort(),
      dataDir: path.join(dir, 'data'),
      logFile: path.join(dir, 'database.log'),
    });
    server = await startAdminServer({ env: { MONGODB_URI: `${database.uri}/admin-unavailable` }, worker: false });
    await createApiKey(server, 'shop');
    workflowId = (await createWorkflow(server, workflowDefinition('no-mongo', 'shop'))).id;
    await database.stop();
  });
  afterAll(() => server.close());

  it('answers 503 unavailable with Retry-After', async () => {
    await expectUnavailable(server.admin('/api-keys'));
    await expectUnavailable(server.admin('/api-keys', { method: 'POST', json: { name: 'late' } }));
    await expectUnavailable(server.admin('/workflows'));
    await expectUnavailable(server.admin(`/workflows/${workflowId}`));
    await expectUnavailable(server.admin('/workflows', { method: 'POST', json: workflowDefinition('late', 'shop') }));
    await expectUnavailable(server.admin(`/workflows/${workflowId}/runs`, { method: 'POST', json: { payload: {} } }));
  });
});
