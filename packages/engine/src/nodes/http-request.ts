import { defineNode, NodeError } from '../plugins/node-plugin';
import { applyCredential, HTTP_CREDENTIAL_TYPES } from './http-credentials';

export interface HttpRequestParams {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE' | 'HEAD';
  url: string;
  headers?: Record<string, string>;
  query?: Record<string, string | number | boolean>;
  body?: unknown;
  timeoutMs?: number;
}

export interface HttpRequestOutput {
  status: number;
  headers: Record<string, string>;
  body: unknown;
}

/** Calls an HTTP endpoint. Network errors, 5xx and 429 are retried by the node's policy; other non-2xx fail at once. */
export default defineNode<HttpRequestParams, HttpRequestOutput>({
  type: 'http.request',
  displayName: 'HTTP request',
  description: 'Sends an HTTP request and outputs {status, headers, body}; retries network errors, 5xx and 429.',
  paramsSchema: {
    type: 'object',
    required: ['method', 'url'],
    additionalProperties: false,
    properties: {
      method: { enum: ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD'] },
      url: { type: 'string', pattern: '^https?://' },
      headers: { type: 'object', additionalProperties: { type: 'string' } },
      query: { type: 'object', additionalProperties: { type: ['string', 'number', 'boolean'] } },
      body: {},
      timeoutMs: { type: 'integer', minimum: 1, maximum: 600_000 },
    },
  },
  acceptsCredentials: HTTP_CREDENTIAL_TYPES,
  async execute(params, ctx) {
    const url = new URL(params.url);
    for (const [name, value] of Object.entries(params.query ?? {})) url.searchParams.set(name, String(value));
    const headers: Record<string, string> = { ...params.headers };
    let body: string | undefined;
    if (params.body !== undefined && params.method !== 'GET' && params.method !== 'HEAD') {
      body = typeof params.body === 'string' ? params.body : JSON.stringify(params.body);
      if (!Object.keys(headers).some((h) => h.toLowerCase() === 'content-type')) {
        headers['content-type'] = typeof params.body === 'string' ? 'text/plain' : 'application/json';
      }
    }
    if (ctx.credential) applyCredential(ctx.credential, headers, url);

    let response: Response;
    try {
      response = await fetch(url, {
        method: params.method,
        headers,
        body,
        signal: AbortSignal.any([ctx.signal, AbortSignal.timeout(params.timeoutMs ?? 30_000)]),
      });
    } catch (error) {
      if (ctx.signal.aborted) throw error;
      throw new NodeError('http_network_error', `${params.method} ${url.origin}${url.pathname}: ${messageOf(error)}`, {
        retryable: true,
        cause: error,
      });
    }

    const output: HttpRequestOutput = {
      status: response.status,
      headers: Object.fromEntries(response.headers),
      body: await readBody(response),
    };
    if (response.ok) return output;
    const retryable = response.status >= 500 || response.status === 429;
    throw new NodeError(
      `http_${response.status}`,
      `${params.method} ${url.origin}${url.pathname} answered ${response.status}`,
      {
        retryable,
      },
    );
  },
});

async function readBody(response: Response): Promise<unknown> {
  const text = await response.text();
  if (text === '') return null;
  if ((response.headers.get('content-type') ?? '').includes('json')) {
    try {
      return JSON.parse(text) as unknown;
    } catch {
      return text;
    }
  }
  return text;
}

function messageOf(error: unknown): string {
  const cause = error instanceof Error && error.cause instanceof Error ? `: ${error.cause.message}` : '';
  return error instanceof Error ? error.message + cause : String(error);
}
