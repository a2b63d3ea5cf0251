import type { IncomingMessage } from 'node:http';
import { TriggerError } from '@hookflow/sdk';

/**
 * Reads the request body as raw bytes (signatures are computed over exactly these), never holding more than
 * `maxBytes`: a declared Content-Length above the limit is refused before reading, and a chunked or
 * mis-declared body is refused as soon as it crosses the limit. A body not complete within `timeoutMs` is
 * refused with 408 (a sender dribbling bytes would otherwise hold its buffer for minutes).
 */
export function readRawBody(req: IncomingMessage, maxBytes: number, timeoutMs?: number): Promise<Buffer> {
  const declared = declaredLength(req);
  if (declared !== undefined && declared > maxBytes) return Promise.reject(tooLarge(maxBytes));

  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const timer =
      timeoutMs === undefined
        ? undefined
        : setTimeout(
            () =>
              fail(
                new TriggerError(
                  408,
                  'request_timeout',
                  `The request body did not arrive within ${timeoutMs / 1000} s`,
                ),
              ),
            timeoutMs,
          );
    const cleanup = () => {
      if (timer) clearTimeout(timer);
      req.off('data', onData);
      req.off('end', onEnd);
      req.off('error', onError);
      req.off('aborted', onAborted);
    };
    const fail = (error: TriggerError) => {
      cleanup();
      chunks.length = 0;
      // Keep reading into the void so the answer can still reach the sender; Node discards the rest.
      req.resume();
      reject(error);
    };
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > maxBytes) fail(tooLarge(maxBytes));
      else chunks.push(chunk);
    };
    const onEnd = () => {
      cleanup();
      resolve(Buffer.concat(chunks, size));
    };
    const onError = () => fail(new TriggerError(400, 'invalid_request', 'The request body could not be read'));
    const onAborted = () => fail(new TriggerError(400, 'invalid_request', 'The request was aborted'));
    req.on('data', onData);
    req.on('end', onEnd);
    req.on('error', onError);
    req.on('aborted', onAborted);
  });
}

/** The Content-Length a sender declared, for the delivery log when the body was never read. */
export function declaredLength(req: IncomingMessage): number | undefined {
  const header = req.headers['content-length'];
  if (header === undefined || !/^\d{1,15}$/.test(header)) return undefined;
  return Number(header);
}

function tooLarge(maxBytes: number): TriggerError {
  return new TriggerError(413, 'payload_too_large', `The request body is larger than ${maxBytes} bytes`);
}
