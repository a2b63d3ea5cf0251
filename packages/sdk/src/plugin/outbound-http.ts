export interface OutboundRequest {
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE' | 'HEAD';
  headers?: Record<string, string>;
  body?: string | Buffer;
  /** Default 5000 ms. */
  timeoutMs?: number;
  /** Responses larger than this are cut off with an error. Default 1 MiB. */
  maxResponseBytes?: number;
}

export interface OutboundResponse {
  status: number;
  headers: Record<string, string>;
  body: Buffer;
}

/**
 * Outbound HTTP with SSRF-safe defaults: redirects are never followed (a 3xx is returned as is), every
 * request has a timeout and a response size limit, and only URLs whose origin the caller allowed are
 * fetched — the plugin decides what it trusts, the client enforces it.
 */
export interface OutboundHttpClient {
  request(url: string, options: OutboundRequest & { allowedOrigins: readonly string[] }): Promise<OutboundResponse>;
}
