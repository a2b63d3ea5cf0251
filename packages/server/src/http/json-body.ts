import express, { type RequestHandler } from 'express';
import { sendError } from './error-envelope';

/** Largest admin request body: a workflow definition is at most 512 KiB (docs/workflows.md), with room to spare. */
export const ADMIN_BODY_LIMIT_BYTES = 1024 * 1024;

const METHODS_WITH_BODY = new Set(['POST', 'PUT', 'PATCH']);

/**
 * JSON request bodies only: a POST/PUT/PATCH that carries a body must say `application/json` (else 415
 * `unsupported_media_type`); bodies over `limitBytes` answer 413 `payload_too_large`, malformed JSON 400
 * `invalid_json` (both through the error handler). A request without a body leaves `req.body` undefined.
 */
export function jsonBody(limitBytes: number = ADMIN_BODY_LIMIT_BYTES): RequestHandler[] {
  const requireJson: RequestHandler = (req, res, next) => {
    if (METHODS_WITH_BODY.has(req.method) && carriesBody(req.headers) && !req.is('application/json')) {
      sendError(res, 415, 'unsupported_media_type', 'Request bodies must be JSON (Content-Type: application/json)');
      return;
    }
    next();
  };
  return [requireJson, express.json({ limit: limitBytes, type: 'application/json', strict: true })];
}

/** `Content-Length: 0` (what clients send for a bodiless POST) is no body; chunked transfer is one. */
function carriesBody(headers: Record<string, string | string[] | undefined>): boolean {
  if (headers['transfer-encoding'] !== undefined) return true;
  const length = Number(headers['content-length']);
  return Number.isFinite(length) && length > 0;
}
