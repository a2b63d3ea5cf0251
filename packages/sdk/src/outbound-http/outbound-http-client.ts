import type { ReadableStream } from 'node:stream/web';
import { HookflowError } from '../errors/hookflow-error';
import type { OutboundHttpClient, OutboundResponse } from '../plugin/outbound-http';

const DEFAULT_TIMEOUT_MS = 5000;
const DEFAULT_MAX_RESPONSE_BYTES = 1024 * 1024;

/**
 * The outbound HTTP client given to trigger plugins. SSRF-safe by construction: the URL's origin must be
 * one the caller allowed, redirects are returned rather than followed (a redirect could point anywhere),
 * and every request has a timeout and a response size cap.
 */
export function createOutboundHttpClient(): OutboundHttpClient {
  return {
    async request(url, options) {
      const target = parseAllowed(url, options.allowedOrigins);
      const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
      let response: Response;
      try {
        response = await fetch(target, {
          method: options.method ?? 'GET',
          ...(options.headers ? { headers: options.headers } : {}),
          ...(options.body !== undefined ? { body: options.body } : {}),
          redirect: 'manual',
          signal: AbortSignal.timeout(timeoutMs),
        });
      } catch (error) {
        throw new HookflowError('outbound_request_failed', `${target.origin}: ${(error as Error).message}`, {
          cause: error,
        });
      }
      return {
        status: response.status,
        headers: Object.fromEntries(response.headers),
        body: await readCapped(response, options.maxResponseBytes ?? DEFAULT_MAX_RESPONSE_BYTES),
      } satisfies OutboundResponse;
    },
  };
}

function parseAllowed(url: string, allowedOrigins: readonly string[]): URL {
  let target: URL;
  try {
    target = new URL(url);
  } catch {
    throw new HookflowError('outbound_url_refused', 'not a valid URL');
  }
  if (target.username || target.password || !allowedOrigins.includes(target.origin)) {
    throw new HookflowError('outbound_url_refused', `origin ${target.origin} is not allowed`);
  }
  return target;
}

async function readCapped(response: Response, maxBytes: number): Promise<Buffer> {
  if (!response.body) return Buffer.alloc(0);
  const reader = (response.body as ReadableStream<Uint8Array>).getReader();
  const chunks: Buffer[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return Buffer.concat(chunks);
    size += value.byteLength;
    if (size > maxBytes) {
      await reader.cancel();
      throw new HookflowError('outbound_response_too_large', `response larger than ${maxBytes} bytes`);
    }
    chunks.push(Buffer.from(value));
  }
}
