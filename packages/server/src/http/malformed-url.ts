import type { ErrorRequestHandler } from 'express';
import { sendError } from './error-envelope';

/**
 * `/workflows/%E0%A4%A`: a path parameter that is not valid percent-encoding makes Express throw a URIError,
 * which would otherwise surface as a 500. It is the caller's mistake: 400 `invalid_request`.
 */
export const malformedUrl: ErrorRequestHandler = (error: unknown, _req, res, next) => {
  if (error instanceof URIError) {
    sendError(res, 400, 'invalid_request', 'The URL is not valid percent-encoding');
    return;
  }
  next(error);
};
