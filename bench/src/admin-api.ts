import { workflowBody } from './scenario';

/** The few admin calls the bench needs (docs/api.md), against the contract rather than the server's code. */
export class AdminApi {
  constructor(
    private readonly baseUrl: string,
    private readonly token: string,
  ) {}

  async createApiKey(name: string): Promise<{ id: string; key: string }> {
    return this.call('POST', '/api/v1/api-keys', { name });
  }

  async createWorkflow(name: string, apiKeyName: string): Promise<{ id: string; webhookUrl: string }> {
    return this.call('POST', '/api/v1/workflows', workflowBody(name, apiKeyName));
  }

  async getExecution(executionId: string): Promise<{ status: string; nodes: Record<string, { status: string }> }> {
    return this.call('GET', `/api/v1/executions/${encodeURIComponent(executionId)}`);
  }

  async delete(route: string): Promise<void> {
    await this.call('DELETE', route);
  }

  private async call<T>(method: string, route: string, body?: unknown): Promise<T> {
    const response = await fetch(`${this.baseUrl}${route}`, {
      method,
      headers: {
        authorization: `Bearer ${this.token}`,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const text = await response.text();
    if (!response.ok) throw new Error(`${method} ${route} answered ${response.status}: ${text.slice(0, 500)}`);
    return (text ? JSON.parse(text) : undefined) as T;
  }
}
