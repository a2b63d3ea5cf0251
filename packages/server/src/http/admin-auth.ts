import { createHash, timingSafeEqual } from 'node:crypto';
import type { RequestHandler } from 'express';
import { CSRF_HEADER, hasCsrfHeader, isWrite, sessionCookieOf } from '../session/session-cookie';
import type { SessionTokens } from '../session/session-token';
import { sendError } from './error-envelope';

const BEARER = /^Bearer[ \t]+(\S+)[ \t]*$/i;

/**
 * `Authorization: Bearer <HOOKFLOW_ADMIN_TOKEN>`, or the console's session cookie; else 401 `unauthorized`.
 * A bearer header, when present, decides alone. A write authenticated by the cookie must carry the CSRF header,
 * else 403 `csrf_header_required` — except POSTs that change nothing (`changesNothing`, the codec endpoint
 * the Temporal UI calls with the cookie: a forged call learns nothing, CORS keeps the answer from it). Tokens are hashed before the comparison so it is constant-time whatever
 * the lengths; neither the token nor the cookie reaches a log line.
 */
export function adminAuth(
  adminToken: string | undefined,
  sessions: SessionTokens,
  options: { changesNothing?: (path: string) => boolean } = {},
): RequestHandler {
  const expected = adminToken ? digest(adminToken) : undefined;
  return (req, res, next) => {
    const authorization = req.headers.authorization;
    if (authorization !== undefined) {
      if (isAdminToken(BEARER.exec(authorization)?.[1], expected)) {
        next();
        return;
      }
    } else {
      const session = sessionCookieOf(req);
      if (session !== undefined && sessions.verify(session)) {
        if (isWrite(req.method) && !hasCsrfHeader(req) && !options.changesNothing?.(req.path)) {
          sendError(res, 403, 'csrf_header_required', `Writes with the session cookie need the ${CSRF_HEADER} header`);
          return;
        }
        next();
        return;
      }
    }
    res.setHeader('WWW-Authenticate', 'Bearer realm="hookflow-admin"');
    sendError(
      res,
      401,
      'unauthorized',
      'A valid admin token is required: Authorization: Bearer <HOOKFLOW_ADMIN_TOKEN>, or a console session',
    );
  };
}

/** Whether `presented` is the admin token, in constant time. */
export function isAdminToken(presented: string | undefined, expected: Buffer | undefined): boolean {
  return expected !== undefined && presented !== undefined && timingSafeEqual(digest(presented), expected);
}

export function digest(token: string): Buffer {
  return createHash('sha256').update(token, 'utf8').digest();
}
