import type { OutboundHttpClient, OutboundRequest, OutboundResponse } from '@hookflow/sdk';

/**
 * A minimal stand-in for the engine's SSRF-safe client, with the same contract: only allowed origins,
 * redirects returned as is (never followed), a timeout and a response size limit.
 */
export class TestHttpClient implements OutboundHttpClient {
  /** Every URL this client actually sent a request to. */
  readonly requested: string[] = [];

  async request(
    url: string,
    options: OutboundRequest & { allowedOrigins: readonly string[] },
  ): Promise<OutboundResponse> {
    const origin = new URL(url).origin;
    if (!options.allowedOrigins.includes(origin)) throw new Error(`origin ${origin} is not allowed`);
    this.requested.push(url);
    const response = await fetch(url, {
      method: options.method ?? 'GET',
      ...(options.headers === undefined ? {} : { headers: options.headers }),
      ...(options.body === undefined ? {} : { body: options.body }),
      redirect: 'manual',
      signal: AbortSignal.timeout(options.timeoutMs ?? 5000),
    });
    const body = Buffer.from(await response.arrayBuffer());
    if (body.length > (options.maxResponseBytes ?? 1024 * 1024)) throw new Error('response too large');
    return { status: response.status, headers: Object.fromEntries(response.headers), body };
  }
}

/** Answers from a fixed table, for Amazon URLs that must not be fetched from the network in tests. */
export class StaticHttpClient implements OutboundHttpClient {
  readonly requested: string[] = [];

  constructor(private readonly responses: Readonly<Record<string, string>>) {}

  request(url: string, options: OutboundRequest & { allowedOrigins: readonly string[] }): Promise<OutboundResponse> {
    if (!options.allowedOrigins.includes(new URL(url).origin)) return Promise.reject(new Error('origin not allowed'));
    this.requested.push(url);
    const body = this.responses[url];
    if (body === undefined) return Promise.reject(new Error(`no route to ${url}`));
    return Promise.resolve({ status: 200, headers: {}, body: Buffer.from(body) });
  }
}
