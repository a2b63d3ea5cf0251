import { createHash, timingSafeEqual } from 'node:crypto';
import type { RequestHandler } from 'express';
import { sendError } from './error-envelope';

const BEARER = /^Bearer[ \t]+(\S+)[ \t]*$/i;

/**
 * `Authorization: Bearer <HOOKFLOW_ADMIN_TOKEN>`, else 401 `unauthorized`. Both sides are hashed first so the
 * comparison is constant-time whatever the lengths; the token never reaches a log line.
 */
export function adminAuth(adminToken: string | undefined): RequestHandler {
  const expected = adminToken ? digest(adminToken) : undefined;
  return (req, res, next) => {
    const presented = BEARER.exec(req.headers.authorization ?? '')?.[1];
    if (expected && presented !== undefined && timingSafeEqual(digest(presented), expected)) {
      next();
      return;
    }
    res.setHeader('WWW-Authenticate', 'Bearer realm="hookflow-admin"');
    sendError(
      res,
      401,
      'unauthorized',
      'A valid admin token is required: Authorization: Bearer <HOOKFLOW_ADMIN_TOKEN>',
    );
  };
}

function digest(token: string): Buffer {
  return createHash('sha256').update(token, 'utf8').digest();
}
