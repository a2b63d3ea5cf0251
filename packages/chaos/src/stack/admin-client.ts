/** What the harness sets up through the admin API, exactly as an operator would. */
export interface ApiKey {
  id: string;
  name: string;
  key: string;
}

/** The fields of a delivery-log entry the harness reads. */
export interface DeliveryLogEntry {
  outcome: string;
  status: number;
  executionId?: string;
  deliveryKey?: string;
}

export class AdminApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

/** The admin API of one server instance. */
export class AdminClient {
  constructor(
    private readonly baseUrl: string,
    private readonly token: string,
  ) {}

  async createKey(name: string): Promise<ApiKey> {
    return this.call<ApiKey>('POST', '/api-keys', { name }, 201);
  }

  async revokeKey(id: string): Promise<void> {
    await this.call('DELETE', `/api-keys/${id}`, undefined, 204);
  }

  /**
   * A workflow that completes on its own within a second: a condition and two pure nodes, so a run measures
   * the engine, not an outside service.
   */
  async createWorkflow(name: string, apiKeyName: string): Promise<string> {
    const created = await this.call<{ id: string }>(
      'POST',
      '/workflows',
      {
        name,
        trigger: { type: 'generic-webhook', apiKeyName, config: {} },
        inputSchema: { type: 'object', required: ['n'] },
        nodes: [
          { id: 'big', type: 'condition', params: { expression: '$trigger.body.n % 2 = 0' } },
          { id: 'even', type: 'transform', params: { value: { n: '{{ $trigger.body.n }}' } } },
          { id: 'odd', type: 'log', params: { message: 'odd delivery {{ $trigger.body.n }}' } },
        ],
        edges: [
          { from: 'big', to: 'even', when: 'true' },
          { from: 'big', to: 'odd', when: 'false' },
        ],
      },
      201,
    );
    return created.id;
  }

  async setEnabled(workflowId: string, enabled: boolean): Promise<void> {
    await this.call('PATCH', `/workflows/${workflowId}`, { enabled }, 200);
  }

  async deleteWorkflow(workflowId: string): Promise<void> {
    await this.call('DELETE', `/workflows/${workflowId}`, undefined, 204);
  }

  /** Every entry of the workflow's delivery log, newest first, all pages. */
  async deliveries(workflowId: string): Promise<DeliveryLogEntry[]> {
    const entries: DeliveryLogEntry[] = [];
    let pageToken: string | null = null;
    do {
      const query: string = `limit=1000${pageToken ? `&pageToken=${encodeURIComponent(pageToken)}` : ''}`;
      const page: { items: DeliveryLogEntry[]; nextPageToken: string | null } = await this.call(
        'GET',
        `/workflows/${workflowId}/deliveries?${query}`,
        undefined,
        200,
      );
      entries.push(...page.items);
      pageToken = page.nextPageToken;
    } while (pageToken);
    return entries;
  }

  private async call<T = unknown>(method: string, path: string, body: unknown, expected: number): Promise<T> {
    const response = await fetch(`${this.baseUrl}/api/v1${path}`, {
      method,
      headers: {
        authorization: `Bearer ${this.token}`,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      signal: AbortSignal.timeout(15_000),
    });
    const text = await response.text();
    if (response.status !== expected) {
      throw new AdminApiError(response.status, `${method} ${path}: ${response.status} ${text.slice(0, 300)}`);
    }
    return (text ? JSON.parse(text) : undefined) as T;
  }
}
