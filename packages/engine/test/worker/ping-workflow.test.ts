import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client, Connection } from '@temporalio/client';
import { testStack, uniqueName } from '@hookflow/dev-stack/testing';
import { createHookflowWorker } from '../../src/worker/create-worker';

describe('a workflow on the real Temporal server', () => {
  let connection: Connection;
  let client: Client;

  beforeAll(async () => {
    connection = await Connection.connect({ address: testStack().temporalAddress });
    client = new Client({ connection });
  });

  afterAll(async () => {
    await connection.close();
  });

  it('is executed by a real worker', async () => {
    const taskQueue = uniqueName('ping');
    const { worker, connection: workerConnection } = await createHookflowWorker({
      temporalAddress: testStack().temporalAddress,
      temporalNamespace: 'default',
      taskQueue,
    });
    const result = await worker.runUntil(
      client.workflow.execute<(name: string) => Promise<string>>('pingWorkflow', {
        taskQueue,
        workflowId: uniqueName('ping'),
        args: ['hookflow'],
      }),
    );
    await workerConnection.close();
    expect(result).toBe('pong: hookflow');
  });
});
