import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCliStack, type CliStack } from './support/cli-stack';

interface Execution {
  executionId: string;
  status: string;
  rerunOf?: string;
  trigger: { payload: unknown };
  nodes: Record<string, { status: string }>;
}

async function until(check: () => boolean, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await sleep(100);
  }
}

const SMALL_ORDER = '{"orderId":"1001","amount":20}';

describe('hookflow send / runs / deliveries', () => {
  let stack: CliStack;
  let shopKey: string;

  beforeAll(async () => {
    stack = await startCliStack();
    const created = await stack.cli(['--json', 'keys', 'create', 'shop']);
    shopKey = (JSON.parse(created.stdout) as { key: string }).key;
    expect((await stack.cli(['keys', 'create', 'aws-alarms'])).code).toBe(0);
    expect(await stack.cli(['apply', '-f', 'examples/workflows'])).toMatchObject({ code: 0, stderr: '' });
  });
  afterAll(() => stack?.close());

  /** Polls the API until `check` holds for the run (runs move on their own). */
  async function runUntil(executionId: string, check: (run: Execution) => boolean): Promise<Execution> {
    for (let attempt = 0; ; attempt++) {
      const run = await stack.admin<Execution>(`/executions/${encodeURIComponent(executionId)}`);
      if (check(run) || attempt > 120) return run;
      await sleep(250);
    }
  }

  it('send --wait prints the execution id, then completed', async () => {
    const result = await stack.cli(['send', 'order-alert', '--data', SMALL_ORDER, '--wait']);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const [executionId, status, ...rest] = result.stdout.trimEnd().split('\n');
    expect(executionId).toMatch(/^wf_[^:]+:manual-/);
    expect(status).toBe('completed');
    expect(rest).toEqual([]);
  });

  it('runs show prints the run and its node table', async () => {
    const sent = await stack.cli(['send', 'order-alert', '--data', SMALL_ORDER, '--wait']);
    const executionId = sent.stdout.split('\n')[0]!;
    const shown = await stack.cli(['runs', 'show', executionId]);
    expect(shown.code).toBe(0);
    expect(shown.stdout).toMatch(new RegExp(`^Execution:\\s+${executionId}$`, 'm'));
    expect(shown.stdout).toMatch(/^Status:\s+completed$/m);
    expect(shown.stdout).toMatch(/^NODE\s+STATUS\s+ATTEMPTS\s+STARTED\s+DURATION\s+ERROR$/m);
    expect(shown.stdout).toMatch(/^big\s+succeeded\s+1\s/m);
    expect(shown.stdout).toMatch(/^notify\s+skipped\s+0/m);
    expect(shown.stdout).toMatch(/^note\s+succeeded\s+1\s/m);
  });

  it('runs rerun starts a new run linked to the original, with the same payload', async () => {
    const sent = await stack.cli(['send', 'order-alert', '--data', SMALL_ORDER, '--wait']);
    const original = sent.stdout.split('\n')[0]!;
    const rerun = await stack.cli(['runs', 'rerun', original, '--wait']);
    expect(rerun.stderr).toBe('');
    const [executionId, status] = rerun.stdout.trimEnd().split('\n');
    expect(executionId).not.toBe(original);
    expect(status).toBe('completed');
    const run = await stack.admin<Execution>(`/executions/${encodeURIComponent(executionId!)}`);
    expect(run.rerunOf).toBe(original);
    expect(run.trigger.payload).toMatchObject({ body: { orderId: '1001', amount: 20 } });
    const shown = await stack.cli(['runs', 'show', executionId!]);
    expect(shown.stdout).toMatch(new RegExp(`^Rerun of:\\s+${original}$`, 'm'));
  });

  it('runs list shows the runs of a workflow; --json gives the page', async () => {
    const sent = await stack.cli(['send', 'order-alert', '--data', SMALL_ORDER]);
    const executionId = sent.stdout.trim();
    // Visibility trails a start by a moment.
    let listed = '';
    for (let attempt = 0; attempt < 60 && !listed.includes(executionId); attempt++) {
      listed = (await stack.cli(['runs', 'list', '--workflow', 'order-alert', '--limit', '50'])).stdout;
      if (!listed.includes(executionId)) await sleep(250);
    }
    expect(listed).toMatch(/^EXECUTION\s+STATUS\s+VERSION\s+STARTED\s+DURATION$/m);
    expect(listed).toContain(executionId);
    const json = JSON.parse((await stack.cli(['runs', 'list', '--json', '--limit', '1'])).stdout) as {
      items: unknown[];
      nextPageToken: string | null;
    };
    expect(json.items).toHaveLength(1);
    expect(typeof json.nextPageToken).toBe('string');
  });

  it('runs event wakes a waiting run; runs cancel ends another', async () => {
    const refund = '{"refundId":"r-1","amount":12.5}';
    const decided = (await stack.cli(['send', 'refund-approval', '--data', refund])).stdout.trim();
    await runUntil(decided, (run) => run.nodes.decision?.status === 'waiting');
    const event = await stack.cli(['runs', 'event', decided, 'decision', '--data', '{"approved":false}']);
    expect(event.code).toBe(0);
    const run = await runUntil(decided, (current) => current.status !== 'running');
    expect(run.status).toBe('completed');
    expect(run.nodes).toMatchObject({ refused: { status: 'succeeded' }, payout: { status: 'skipped' } });

    const cancelled = (await stack.cli(['send', 'refund-approval', '--data', refund])).stdout.trim();
    await runUntil(cancelled, (current) => current.nodes.decision?.status === 'waiting');
    const cancel = await stack.cli(['runs', 'cancel', cancelled]);
    expect(cancel.stdout).toBe(`Cancellation requested: ${cancelled}\n`);
    expect((await runUntil(cancelled, (current) => current.status !== 'running')).status).toBe('cancelled');
    const again = await stack.cli(['runs', 'cancel', cancelled]);
    expect(again.code).toBe(1);
    expect(again.stderr).toMatch(/^error: execution_closed: /);
  });

  it('send --wait exits 1 when the run ends other than completed', async () => {
    const sending = stack.start(['send', 'refund-approval', '--data', '{"refundId":"r-3","amount":1}', '--wait']);
    await until(() => sending.stdout().includes(':manual-'));
    const executionId = sending.stdout().trim();
    await runUntil(executionId, (run) => run.nodes.decision?.status === 'waiting');
    await stack.admin(`/executions/${encodeURIComponent(executionId)}/cancel`, { method: 'POST' });
    const result = await sending.done;
    expect(result.code).toBe(1);
    expect(result.stdout).toBe(`${executionId}\ncancelled\n`);
    expect(result.stderr).toMatch(new RegExp(`^error: run_cancelled: ${executionId} ended cancelled`));
  });

  it("prints the API's error code and message and exits 1", async () => {
    const invalid = await stack.cli(['send', 'refund-approval', '--data', '{"refundId":"r-2"}']);
    expect(invalid.code).toBe(1);
    expect(invalid.stderr).toMatch(/^error: payload_invalid: .+\n {2}\/?\S*: /);
    const unknown = await stack.cli(['send', 'no-such-workflow']);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toBe('error: workflow_not_found: no workflow named "no-such-workflow"\n');
    const badStatus = await stack.cli(['runs', 'list', '--status', 'done']);
    expect(badStatus.code).toBe(2);
    expect(badStatus.stderr).toContain("error: option '--status <status>' argument 'done' is invalid");
    const badJson = await stack.cli(['send', 'order-alert', '--data', '{oops']);
    expect(badJson.code).toBe(2);
    expect(badJson.stderr).toMatch(/^error: --data is not JSON/);
  });

  it('deliveries tail prints the latest entries, follows new ones, and stops on Ctrl-C', async () => {
    const { items } = await stack.admin<{ items: { id: string; name: string; webhookUrl: string }[] }>('/workflows');
    const webhookUrl = items.find((item) => item.name === 'order-alert')!.webhookUrl;
    const post = (key: string, body: unknown) =>
      fetch(webhookUrl, {
        method: 'POST',
        headers: { 'x-api-key': key, 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
    expect((await post(shopKey, { orderId: 'before' })).status).toBe(202);

    const controller = new AbortController();
    const tail = stack.start(['deliveries', 'tail', 'order-alert', '--interval', '200'], { signal: controller.signal });
    await until(() => tail.stdout().includes('accepted'));
    const accepted = await post(shopKey, { orderId: 'during' });
    const { executionId } = (await accepted.json()) as { executionId: string };
    expect((await post('wrong-key', { orderId: 'x' })).status).toBe(401);
    await until(() => tail.stdout().includes(executionId) && tail.stdout().includes('rejected'));
    controller.abort();
    const { code, stdout: output } = await tail.done;
    expect(code).toBe(0);
    expect(output).toMatch(/^RECEIVED\s+OUTCOME\s+STATUS\s+SOURCE\s+DETAIL$/m);
    expect(output).toContain(executionId);
    expect(output).toMatch(/rejected\s+401\s+\S+\s+unauthorized/);
  });
});
