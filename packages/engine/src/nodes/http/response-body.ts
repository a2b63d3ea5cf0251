import type { ReadableStream } from 'node:stream/web';
import { NodeError } from '@hookflow/sdk';

/**
 * Reads a response body as it streams in, stopping (and cancelling the stream) as soon as it exceeds
 * `maxBytes`: a partner that streams without end cannot fill the worker's memory. Too large fails the node
 * without retry (the next attempt would get the same answer).
 */
export async function readBodyCapped(response: Response, maxBytes: number, origin: string): Promise<Buffer> {
  const tooLarge = () =>
    new NodeError('response_too_large', `${origin} answered with more than ${maxBytes} bytes (maxResponseBytes)`, {
      retryable: false,
    });
  const declared = Number(response.headers.get('content-length'));
  if (Number.isFinite(declared) && declared > maxBytes) {
    await response.body?.cancel();
    throw tooLarge();
  }
  if (!response.body) return Buffer.alloc(0);
  const reader = (response.body as ReadableStream<Uint8Array>).getReader();
  const chunks: Buffer[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return Buffer.concat(chunks, size);
    size += value.byteLength;
    if (size > maxBytes) {
      await reader.cancel();
      throw tooLarge();
    }
    chunks.push(Buffer.from(value.buffer, value.byteOffset, value.byteLength));
  }
}

/** JSON when the response says so and parses; else text; an empty body is null. */
export function decodeBody(bytes: Buffer, contentType: string | null): unknown {
  if (bytes.length === 0) return null;
  const text = bytes.toString('utf8');
  if ((contentType ?? '').includes('json')) {
    try {
      return JSON.parse(text) as unknown;
    } catch {
      return text;
    }
  }
  return text;
}
