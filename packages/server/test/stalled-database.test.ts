import { mkdtemp } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findFreePort, resolveDatabaseBinary, startDatabase, type RunningDatabase } from '@hookflow/dev-stack';
import { testStack, uniqueName } from '@hookflow/dev-stack/testing';
import { startTestServer, type TestServer } from './support/test-server';
import { createKey, createWorkflow, orderAlert } from './webhooks/support/webhook-fixtures';

/**
 * A stalled database (its process paused with SIGSTOP: connections stay open, nothing answers) must not hang
 * requests: they are answered 503 within 5 s, and everything works again once it resumes, without a restart.
 */
describe('a stalled database', () => {
  let database: RunningDatabase;
  let server: TestServer;
  let workflowId: string;
  let paused = false;

  const pause = () => {
    process.kill(database.process.pid, 'SIGSTOP');
    paused = true;
  };
  const resume = () => {
    if (paused) process.kill(database.process.pid, 'SIGCONT');
    paused = false;
  };

  /** Time to an answer; a hang is cut off at 15 s so that the assertion, not the test timeout, reports it. */
  async function timed(request: () => Promise<Response>): Promise<{ status: number | 'hung'; ms: number }> {
    const started = performance.now();
    const status = await Promise.race([
      request().then((response) => response.status),
      new Promise<'hung'>((resolve) => setTimeout(() => resolve('hung'), 15_000).unref()),
    ]);
    return { status, ms: performance.now() - started };
  }

  beforeAll(async () => {
    const dir = await mkdtemp(path.join(testStack().home, 'stalled-'));
    database = await startDatabase({
      binary: await resolveDatabaseBinary(() => undefined),
      port: await findFreePort(),
      dataDir: path.join(dir, 'data'),
      logFile: path.join(dir, 'database.log'),
    });
    // The production connection settings (no test overrides): the timeouts under test are the defaults.
    server = await startTestServer({ worker: false, env: { MONGODB_URI: `${database.uri}/${uniqueName('stalled')}` } });
    const key = await createKey(server);
    workflowId = await createWorkflow(server, orderAlert(key.name));
  });

  afterAll(async () => {
    resume();
    await server?.close();
    await database?.stop();
  });

  it('answers 503 within 5 s while the database does not answer, and 200 again once it does', async () => {
    expect((await server.admin(`/workflows/${workflowId}`)).status).toBe(200);
    pause();
    try {
      const read = await timed(() => server.admin(`/workflows/${workflowId}`));
      expect(read.status).toBe(503);
      expect(read.ms).toBeLessThan(5000);

      const list = await timed(() => server.admin('/workflows'));
      expect(list.status).toBe(503);
      expect(list.ms).toBeLessThan(5000);

      const ready = await timed(() => fetch(`${server.baseUrl}/readyz`));
      expect(ready.status).toBe(503);
      expect(ready.ms).toBeLessThan(5000);
    } finally {
      resume();
    }
    await expect
      .poll(async () => (await server.admin(`/workflows/${workflowId}`)).status, { timeout: 20_000, interval: 250 })
      .toBe(200);
  });
});
