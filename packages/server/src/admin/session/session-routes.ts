import type { HookflowConfig } from '@hookflow/engine';
import { sendError } from '../../http/error-envelope';
import { errorResponse, JSON_BODY_RESPONSES } from '../../openapi/error-responses';
import { schemaRef } from '../../openapi/operation-doc';
import { CSRF_HEADER, hasCsrfHeader, SESSION_COOKIE, sessionCookieOptions } from '../../session/session-cookie';
import type { AdminRoute } from '../admin-route';
import type { SessionService } from './session-service';

const tags = ['session'];

/**
 * `POST/DELETE /session`: the console's sign-in and sign-out. Both are open (the token is the body of the
 * sign-in); every other admin route accepts the cookie this sets.
 */
export function sessionRoutes(sessions: SessionService, config: Pick<HookflowConfig, 'publicUrl'>): AdminRoute[] {
  return [
    {
      path: '/session',
      operations: {
        post: {
          operationId: 'signIn',
          summary: 'Exchange the admin token for a console session cookie',
          description:
            `Sets \`${SESSION_COOKIE}\` (HttpOnly, SameSite=Strict, Path=/api/v1, Secure behind https), valid for ` +
            `12 hours. Admin requests may then authenticate with the cookie instead of the bearer token; those ` +
            `that write must also send the \`${CSRF_HEADER}\` header (any value), else 403 \`csrf_header_required\`.`,
          tags,
          security: 'none',
          requestBody: { schema: schemaRef('SessionCreate'), required: true },
          responses: {
            204: {
              description: 'Signed in',
              headers: { 'Set-Cookie': { description: 'The session cookie', schema: { type: 'string' } } },
            },
            400: errorResponse('`invalid_request` or `invalid_json`'),
            401: errorResponse('`unauthorized`: not the admin token'),
            ...JSON_BODY_RESPONSES,
          },
          handler: (req, res) => {
            const session = sessions.signIn(req.body);
            const maxAgeMs = session.expiresAt.getTime() - Date.now();
            res.setHeader('Cache-Control', 'no-store');
            res.cookie(SESSION_COOKIE, session.value, sessionCookieOptions(req, config, maxAgeMs));
            res.status(204).end();
          },
        },
        delete: {
          operationId: 'signOut',
          summary: 'End the console session (clears the cookie)',
          description: `Needs the \`${CSRF_HEADER}\` header, so another site cannot sign the console out.`,
          tags,
          security: 'none',
          headers: [{ name: CSRF_HEADER, description: 'Any value', schema: { type: 'string' }, required: true }],
          responses: {
            204: { description: 'Signed out' },
            403: errorResponse('`csrf_header_required`'),
          },
          handler: (req, res) => {
            if (!hasCsrfHeader(req)) {
              sendError(res, 403, 'csrf_header_required', `Signing out needs the ${CSRF_HEADER} header`);
              return;
            }
            res.clearCookie(SESSION_COOKIE, sessionCookieOptions(req, config));
            res.status(204).end();
          },
        },
      },
    },
  ];
}
