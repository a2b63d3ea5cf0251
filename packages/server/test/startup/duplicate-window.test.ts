import { randomBytes } from 'node:crypto';
import { Connection } from '@temporalio/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { retentionPeriod } from '@hookflow/engine';
import { findFreePort, startProcess, type ManagedProcess } from '@hookflow/dev-stack';
import { testStack, uniqueName } from '@hookflow/dev-stack/testing';

/**
 * The duplicate window is the namespace's retention: a server whose SNS max age is longer would accept a
 * re-sent message after Temporal forgot its first run, and run it twice. Start-up refuses that.
 */
describe('start-up against the namespace retention', () => {
  let connection: Connection;
  /** A namespace kept for one day, as an operator's own Temporal might have it. */
  const namespace = uniqueName('one-day');
  const children: ManagedProcess[] = [];

  beforeAll(async () => {
    connection = await Connection.connect({ address: testStack().temporalAddress });
    await connection.workflowService.registerNamespace({
      namespace,
      workflowExecutionRetentionPeriod: retentionPeriod(86_400),
    });
  });

  afterAll(async () => {
    await Promise.all(children.map((child) => child.stop(5_000)));
    await connection.close();
  });

  async function startServer(snsMaxAgeSeconds: number): Promise<{ child: ManagedProcess; output: string[] }> {
    const output: string[] = [];
    const child = startProcess({
      name: 'server',
      command: process.execPath,
      args: [require.resolve('../../dist/main.js')],
      env: {
        PATH: process.env.PATH,
        HOME: process.env.HOME,
        HOOKFLOW_PORT: String(await findFreePort()),
        HOOKFLOW_ADMIN_TOKEN: randomBytes(24).toString('hex'),
        MONGODB_URI: `${testStack().mongodbUri}/${uniqueName('window')}`,
        TEMPORAL_ADDRESS: testStack().temporalAddress,
        TEMPORAL_NAMESPACE: namespace,
        HOOKFLOW_SNS_MAX_AGE_SECONDS: String(snsMaxAgeSeconds),
        LOG_LEVEL: 'info',
      },
      onLine: (line) => output.push(line),
    });
    children.push(child);
    return { child, output };
  }

  it('refuses an HOOKFLOW_SNS_MAX_AGE_SECONDS longer than the retention, naming the variable', async () => {
    const { child, output } = await startServer(2 * 86_400);
    const exitCode = await Promise.race([
      child.exited,
      new Promise<'running'>((resolve) => setTimeout(() => resolve('running'), 30_000).unref()),
    ]);
    expect(exitCode, output.join('\n')).toBe(1);
    const text = output.join('\n');
    expect(text).toContain('HOOKFLOW_SNS_MAX_AGE_SECONDS');
    expect(text).toContain('86400 s');
  });

  it('starts with a max age within the retention, and logs the window', async () => {
    const { child, output } = await startServer(3600);
    await expect
      .poll(() => output.some((line) => line.includes('duplicate window')), { timeout: 30_000, interval: 200 })
      .toBe(true);
    expect(output.find((line) => line.includes('duplicate window'))).toContain('"retentionDays":1');
    await child.stop(5_000);
  });
});
