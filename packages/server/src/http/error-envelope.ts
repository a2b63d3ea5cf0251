import type { ErrorRequestHandler, RequestHandler, Response } from 'express';
import { HookflowError, type ErrorDetail } from '@hookflow/sdk';
import { answerForError, methodNotAllowedAnswer, type HttpAnswer } from '@hookflow/sdk/pipeline';

/** The one error shape of the API: `{"error":{"code","message","details?"}}`. */
export function sendError(res: Response, status: number, code: string, message: string, details?: ErrorDetail[]): void {
  res.status(status).json({ error: { code, message, ...(details ? { details } : {}) } });
}

/** Writes an answer of the SDK's error map (or of the trigger pipeline) as the HTTP response. */
export function sendAnswer(res: Response, answer: HttpAnswer): void {
  for (const [name, value] of Object.entries(answer.headers)) res.setHeader(name, value);
  res.status(answer.status);
  if ('text' in answer.body) res.type('text/plain; charset=utf-8').send(answer.body.text);
  else res.json(answer.body.json);
}

export const notFound: RequestHandler = (req, res) => {
  sendError(res, 404, 'not_found', `No route for ${req.method} ${req.path}`);
};

export function methodNotAllowed(allowed: string[]): RequestHandler {
  return (req, res) => sendAnswer(res, methodNotAllowedAnswer(req.method, allowed));
}

/** Last middleware: every error is answered by `answerForError`; a bug is logged in full and answered 500. */
export const errorHandler: ErrorRequestHandler = (error: unknown, req, res, _next) => {
  if (res.headersSent) return;
  const answer = answerForError(bodyParserError(error) ?? error);
  if (answer.unexpected) req.log?.error({ err: error }, 'unhandled error');
  else if (answer.status >= 500) req.log?.warn({ err: error }, `request refused: ${answer.reason}`);
  sendAnswer(res, answer);
};

/** Express's body parser raises errors of its own kind: named here so the one error map can answer them. */
function bodyParserError(error: unknown): HookflowError | undefined {
  if (typeof error !== 'object' || error === null || !('type' in error)) return undefined;
  switch (error.type) {
    case 'entity.too.large':
      return new HookflowError('payload_too_large', 'Request body is too large', { status: 413 });
    case 'entity.parse.failed':
      return new HookflowError('invalid_json', 'Request body is not valid JSON', { status: 400 });
    case 'encoding.unsupported':
    case 'charset.unsupported':
      return new HookflowError('unsupported_media_type', 'Unsupported body encoding', { status: 415 });
    case 'request.aborted':
    case 'request.size.invalid':
    case 'stream.encoding.set':
      return new HookflowError('invalid_request', 'Malformed request body', { status: 400 });
    default:
      return undefined;
  }
}
