import type { IncomingMessage } from 'node:http';
import { TriggerError } from '@hookflow/sdk';
import type { UnreadBody } from '@hookflow/sdk/pipeline';

/**
 * Reads the request body as raw bytes (signatures are computed over exactly these), never holding more than
 * `maxBytes`: a declared Content-Length above the limit stops it before reading, a chunked or mis-declared
 * body as soon as it crosses the limit (`too_large`). A body not complete within `timeoutMs` stops it too
 * (`timed_out`): a sender dribbling bytes would otherwise hold its buffer for minutes. The trigger pipeline
 * answers both (413, 408); a broken or aborted upload is refused here (400).
 */
export function readRawBody(req: IncomingMessage, maxBytes: number, timeoutMs: number): Promise<Buffer | UnreadBody> {
  const declared = declaredLength(req);
  if (declared !== undefined && declared > maxBytes) return Promise.resolve('too_large');

  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const timer = setTimeout(() => stop('timed_out'), timeoutMs);
    const cleanup = () => {
      clearTimeout(timer);
      req.off('data', onData);
      req.off('end', onEnd);
      req.off('error', onError);
      req.off('aborted', onAborted);
    };
    const discardRest = () => {
      cleanup();
      chunks.length = 0;
      // Keep reading into the void so the answer can still reach the sender; Node discards the rest.
      req.resume();
    };
    const stop = (why: UnreadBody) => {
      discardRest();
      resolve(why);
    };
    const fail = (error: TriggerError) => {
      discardRest();
      reject(error);
    };
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > maxBytes) stop('too_large');
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
