import { Client, Connection } from '@temporalio/client';
import { sleep } from '../clock';

/** A Temporal run of a Hookflow workflow: the workflow id is the execution id `<workflowId>:<deliveryKey>`. */
export interface RunInfo {
  executionId: string;
  runId: string;
  /** Temporal's name: RUNNING, COMPLETED, FAILED, TERMINATED, ... */
  status: string;
}

/**
 * Temporal as the source of truth for what ran: every run of a Hookflow workflow carries the search attribute
 * `HookflowWorkflowId`, so one visibility query per workflow finds all of them, duplicates included.
 */
export class TemporalRuns {
  private constructor(
    private readonly connection: Connection,
    private readonly client: Client,
  ) {}

  static async connect(address: string): Promise<TemporalRuns> {
    const connection = await Connection.connect({ address });
    return new TemporalRuns(connection, new Client({ connection, namespace: 'default' }));
  }

  async list(workflowId: string): Promise<RunInfo[]> {
    const runs: RunInfo[] = [];
    for await (const info of this.client.workflow.list({ query: `HookflowWorkflowId = "${workflowId}"` })) {
      runs.push({ executionId: info.workflowId, runId: info.runId, status: info.status.name });
    }
    return runs;
  }

  /**
   * Polls until every execution id in `expected` has a closed run (visibility is eventually consistent and
   * runs delayed by a fault may take a while), or until the timeout; returns the last listing either way.
   */
  async waitUntilClosed(workflowId: string, expected: ReadonlySet<string>, timeoutMs: number): Promise<RunInfo[]> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const runs = await this.list(workflowId).catch(() => undefined);
      if (runs) {
        const closed = new Set(runs.filter((run) => run.status !== 'RUNNING').map((run) => run.executionId));
        const open = runs.some((run) => run.status === 'RUNNING');
        if (!open && [...expected].every((id) => closed.has(id))) return runs;
        if (Date.now() > deadline) return runs;
      } else if (Date.now() > deadline) {
        return this.list(workflowId);
      }
      await sleep(500);
    }
  }

  async close(): Promise<void> {
    await this.connection.close();
  }
}
