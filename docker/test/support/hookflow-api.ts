import { setTimeout as sleep } from 'node:timers/promises';

/** A JSON answer body; the tests assert its shape with toMatchObject. */
export type Body = Record<string, unknown>;

export interface Answer {
  status: number;
  body: Body;
}

async function jsonBody(response: Response): Promise<Body> {
  return (await response.json().catch(() => ({}))) as Body;
}

/** The admin API and webhooks of a running server, as an operator would use them (README's first run). */
export class HookflowApi {
  constructor(
    readonly baseUrl: string,
    private readonly adminToken: string,
  ) {}

  async admin(method: string, path: string, body?: unknown): Promise<Answer> {
    const response = await fetch(`${this.baseUrl}/api/v1${path}`, {
      method,
      headers: {
        authorization: `Bearer ${this.adminToken}`,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    return { status: response.status, body: await jsonBody(response) };
  }

  async webhook(url: string, key: string, idempotencyKey: string, body: unknown): Promise<Answer> {
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'x-api-key': key, 'content-type': 'application/json', 'idempotency-key': idempotencyKey },
      body: JSON.stringify(body),
    });
    return { status: response.status, body: await jsonBody(response) };
  }

  /** Polls GET /readyz until 200 (database and Temporal reachable), or fails after timeoutMs. */
  async waitReady(timeoutMs: number): Promise<Answer> {
    const deadline = Date.now() + timeoutMs;
    let last: string;
    for (;;) {
      try {
        const response = await fetch(`${this.baseUrl}/readyz`);
        const body = await jsonBody(response);
        if (response.status === 200) return { status: 200, body };
        last = `${response.status} ${JSON.stringify(body)}`;
      } catch (error) {
        last = (error as Error).message;
      }
      if (Date.now() > deadline) throw new Error(`${this.baseUrl}/readyz not 200 after ${timeoutMs} ms: ${last}`);
      await sleep(500);
    }
  }

  /** Polls GET /executions/:id until the run is no longer running. */
  async waitFinished(executionId: string, timeoutMs: number): Promise<Body> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const { status, body } = await this.admin('GET', `/executions/${encodeURIComponent(executionId)}`);
      if (status === 200 && body.status !== 'running') return body;
      if (Date.now() > deadline)
        throw new Error(`execution ${executionId} not finished: ${status} ${JSON.stringify(body)}`);
      await sleep(500);
    }
  }
}

export interface SeedResult {
  apiKey: string;
  workflowId: string;
  webhookUrl: string;
  executionId: string;
  /** Answers of the first and the repeated webhook request. */
  first: Answer;
  duplicate: Answer;
  execution: Body | undefined;
}

/** The seed flow: an API key, a workflow on it, one webhook delivery sent twice, the run to its end. */
export async function seedFlow(api: HookflowApi, name: string): Promise<SeedResult> {
  const key = await api.admin('POST', '/api-keys', { name });
  if (key.status !== 201) throw new Error(`POST /api-keys: ${key.status} ${JSON.stringify(key.body)}`);
  const workflow = await api.admin('POST', '/workflows', {
    name,
    trigger: { type: 'generic-webhook', apiKeyName: name, config: {} },
    inputSchema: { type: 'object', required: ['orderId'] },
    nodes: [
      { id: 'shape', type: 'transform', params: { value: { order: '{{ $trigger.body.orderId }}' } } },
      { id: 'note', type: 'log', params: { message: 'order {{ $trigger.body.orderId }}' } },
    ],
    edges: [{ from: 'shape', to: 'note' }],
  });
  if (workflow.status !== 201) throw new Error(`POST /workflows: ${workflow.status} ${JSON.stringify(workflow.body)}`);
  const apiKey = key.body.key as string;
  const webhookUrl = workflow.body.webhookUrl as string;
  const first = await api.webhook(webhookUrl, apiKey, 'order-1001', { orderId: '1001' });
  const duplicate = await api.webhook(webhookUrl, apiKey, 'order-1001', { orderId: '1001' });
  const executionId = first.body.executionId as string;
  const execution = first.status === 202 ? await api.waitFinished(executionId, 60_000) : undefined;
  return { apiKey, workflowId: workflow.body.id as string, webhookUrl, executionId, first, duplicate, execution };
}
