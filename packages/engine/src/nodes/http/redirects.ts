import { NodeError } from '@hookflow/sdk';

export const MAX_REDIRECTS = 5;

/** Headers a browser may send across origins without asking (Fetch standard, CORS-safelisted). */
const CORS_SAFELISTED = new Set(['accept', 'accept-language', 'content-language', 'content-type']);

export interface OutgoingRequest {
  method: string;
  url: URL;
  headers: Record<string, string>;
  body: string | undefined;
}

export function isRedirect(status: number): boolean {
  return status === 301 || status === 302 || status === 303 || status === 307 || status === 308;
}

/**
 * The request to send after a redirect, as browsers do: 303 (and 301/302 of a POST) becomes a GET without
 * body; never from https to http; and when the origin changes, every header but the CORS-safelisted ones is
 * dropped, so credentials (`authorization`, `x-api-key`, …) never reach a host they were not meant for.
 */
export function followRedirect(request: OutgoingRequest, status: number, location: string): OutgoingRequest {
  let next: URL;
  try {
    next = new URL(location, request.url);
  } catch {
    throw refused(request.url, 'a Location that is not a URL');
  }
  if (next.protocol !== 'http:' && next.protocol !== 'https:')
    throw refused(request.url, `a ${next.protocol} Location`);
  if (request.url.protocol === 'https:' && next.protocol === 'http:') throw refused(request.url, 'https to http');

  const becomesGet = status === 303 || ((status === 301 || status === 302) && request.method === 'POST');
  const method = becomesGet && request.method !== 'HEAD' ? 'GET' : request.method;
  let headers = request.headers;
  if (next.origin !== request.url.origin) {
    headers = Object.fromEntries(Object.entries(headers).filter(([name]) => CORS_SAFELISTED.has(name.toLowerCase())));
  }
  if (becomesGet) {
    headers = Object.fromEntries(Object.entries(headers).filter(([name]) => name.toLowerCase() !== 'content-type'));
  }
  return { method, url: next, headers, body: becomesGet ? undefined : request.body };
}

function refused(from: URL, what: string): NodeError {
  return new NodeError('redirect_refused', `${from.origin} redirected with ${what}; not followed`, {
    retryable: false,
  });
}
