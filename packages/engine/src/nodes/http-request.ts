import { defineNode, NodeError, type NodeContext } from '@hookflow/sdk';
import { applyCredential, HTTP_CREDENTIAL_TYPES } from './http-credentials';
import { followRedirect, isRedirect, MAX_REDIRECTS, type OutgoingRequest } from './http/redirects';
import { decodeBody, readBodyCapped } from './http/response-body';

const DEFAULT_MAX_RESPONSE_BYTES = 1024 * 1024;
const DEFAULT_TIMEOUT_MS = 30_000;

export interface HttpRequestParams {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE' | 'HEAD';
  url: string;
  headers?: Record<string, string>;
  query?: Record<string, string | number | boolean>;
  body?: unknown;
  timeoutMs?: number;
  /** Larger responses fail the node (`response_too_large`, no retry). Default 1 MiB. */
  maxResponseBytes?: number;
  /** Default false: a 3xx is the output. */
  followRedirects?: boolean;
  /** Default `<executionId>/<nodeId>`; `false` sends none; a string replaces it. */
  idempotencyKey?: string | false;
}

export interface HttpRequestOutput {
  status: number;
  headers: Record<string, string>;
  body: unknown;
}

/**
 * Calls an HTTP endpoint. Network errors, 5xx and 429 are retried by the node's policy; other non-2xx
 * (3xx included, when redirects are followed) fail at once. Every attempt carries the same
 * `Idempotency-Key`, so a partner that honours it acts once however often the attempt is repeated. Error
 * messages name the origin only: paths and queries may hold secrets (Slack-style webhook URLs).
 */
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
      maxResponseBytes: { type: 'integer', minimum: 1, maximum: 16 * 1024 * 1024 },
      followRedirects: { type: 'boolean' },
      idempotencyKey: { anyOf: [{ const: false }, { type: 'string', minLength: 1, maxLength: 255 }] },
    },
  },
  acceptsCredentials: HTTP_CREDENTIAL_TYPES,
  async execute(params, ctx) {
    const url = new URL(params.url);
    for (const [name, value] of Object.entries(params.query ?? {})) url.searchParams.set(name, String(value));
    const headers: Record<string, string> = { ...params.headers };
    const idempotencyKey = params.idempotencyKey ?? `${ctx.executionId}/${ctx.nodeId}`;
    if (idempotencyKey !== false && !hasHeader(headers, 'idempotency-key')) headers['idempotency-key'] = idempotencyKey;
    let body: string | undefined;
    if (params.body !== undefined && params.method !== 'GET' && params.method !== 'HEAD') {
      body = typeof params.body === 'string' ? params.body : JSON.stringify(params.body);
      if (!hasHeader(headers, 'content-type')) {
        headers['content-type'] = typeof params.body === 'string' ? 'text/plain' : 'application/json';
      }
    }
    if (ctx.credential) applyCredential(ctx.credential, headers, url);

    const signal = AbortSignal.any([ctx.signal, AbortSignal.timeout(params.timeoutMs ?? DEFAULT_TIMEOUT_MS)]);
    const { response, request } = await send({ method: params.method, url, headers, body }, params, signal, ctx);
    const origin = request.url.origin;
    let bytes: Buffer;
    try {
      bytes = await readBodyCapped(response, params.maxResponseBytes ?? DEFAULT_MAX_RESPONSE_BYTES, origin);
    } catch (error) {
      throw networkError(error, request, ctx);
    }
    const output: HttpRequestOutput = {
      status: response.status,
      headers: Object.fromEntries(response.headers),
      body: decodeBody(bytes, response.headers.get('content-type')),
    };
    if (response.ok || (isRedirect(response.status) && params.followRedirects !== true)) return output;
    const retryable = response.status >= 500 || response.status === 429;
    throw new NodeError(`http_${response.status}`, `${request.method} ${origin} answered ${response.status}`, {
      retryable,
    });
  },
});

/** Sends the request, following up to `MAX_REDIRECTS` redirects when asked; answers the last response. */
async function send(
  first: OutgoingRequest,
  params: HttpRequestParams,
  signal: AbortSignal,
  ctx: NodeContext,
): Promise<{ response: Response; request: OutgoingRequest }> {
  let request = first;
  for (let hop = 0; ; hop++) {
    let response: Response;
    try {
      response = await fetch(request.url, {
        method: request.method,
        headers: request.headers,
        body: request.body,
        redirect: 'manual',
        signal,
      });
    } catch (error) {
      throw networkError(error, request, ctx);
    }
    const location = response.headers.get('location');
    if (params.followRedirects !== true || !isRedirect(response.status) || location === null) {
      return { response, request };
    }
    await response.body?.cancel();
    if (hop === MAX_REDIRECTS) {
      throw new NodeError('too_many_redirects', `${request.url.origin} redirected more than ${MAX_REDIRECTS} times`, {
        retryable: false,
      });
    }
    request = followRedirect(request, response.status, location);
  }
}

function networkError(error: unknown, request: OutgoingRequest, ctx: NodeContext): unknown {
  if (ctx.signal.aborted || error instanceof NodeError) return error;
  return new NodeError('http_network_error', `${request.method} ${request.url.origin}: ${messageOf(error)}`, {
    retryable: true,
    cause: error,
  });
}

function hasHeader(headers: Record<string, string>, name: string): boolean {
  return Object.keys(headers).some((header) => header.toLowerCase() === name);
}

function messageOf(error: unknown): string {
  const cause = error instanceof Error && error.cause instanceof Error ? `: ${error.cause.message}` : '';
  return error instanceof Error ? error.message + cause : String(error);
}
