import type { ErrorRequestHandler, RequestHandler, Response } from 'express';
import { HookflowError, type ErrorDetail } from '@hookflow/engine';

/** The one error shape of the API (docs/api.md): `{"error":{"code","message","details?"}}`. */
export function sendError(res: Response, status: number, code: string, message: string, details?: ErrorDetail[]): void {
  res.status(status).json({ error: { code, message, ...(details ? { details } : {}) } });
}

/** Status of the codes whose error carries no `status` of its own (store and trigger errors do). */
const STATUS_BY_CODE: Record<string, number> = {
  unavailable: 503,
  not_found: 404,
  unauthorized: 401,
  execution_not_found: 404,
  execution_closed: 409,
};

function statusOf(error: HookflowError): number {
  const own = (error as HookflowError & { status?: unknown }).status;
  return typeof own === 'number' ? own : (STATUS_BY_CODE[error.code] ?? 400);
}

export const notFound: RequestHandler = (req, res) => {
  sendError(res, 404, 'not_found', `No route for ${req.method} ${req.path}`);
};

export function methodNotAllowed(allowed: string[]): RequestHandler {
  return (req, res) => {
    res.setHeader('Allow', allowed.join(', '));
    sendError(res, 405, 'method_not_allowed', `${req.method} is not allowed here; use ${allowed.join(', ')}`);
  };
}

/** Last middleware: typed errors keep their code; body-parser errors become 4xx; anything else is a 500. */
export const errorHandler: ErrorRequestHandler = (error: unknown, req, res, _next) => {
  if (res.headersSent) return;
  if (error instanceof HookflowError) {
    if (error.code === 'unavailable') res.setHeader('Retry-After', '5');
    sendError(res, statusOf(error), error.code, error.message, error.details);
    return;
  }
  const bodyError = bodyParserError(error);
  if (bodyError) {
    sendError(res, bodyError.status, bodyError.code, bodyError.message);
    return;
  }
  req.log?.error({ err: error }, 'unhandled error');
  sendError(res, 500, 'internal_error', 'Internal error');
};

function bodyParserError(error: unknown): { status: number; code: string; message: string } | undefined {
  if (typeof error !== 'object' || error === null || !('type' in error)) return undefined;
  switch (error.type) {
    case 'entity.too.large':
      return { status: 413, code: 'payload_too_large', message: 'Request body is too large' };
    case 'entity.parse.failed':
      return { status: 400, code: 'invalid_json', message: 'Request body is not valid JSON' };
    case 'encoding.unsupported':
    case 'charset.unsupported':
      return { status: 415, code: 'unsupported_media_type', message: 'Unsupported body encoding' };
    case 'request.aborted':
    case 'request.size.invalid':
    case 'stream.encoding.set':
      return { status: 400, code: 'invalid_request', message: 'Malformed request body' };
    default:
      return undefined;
  }
}
