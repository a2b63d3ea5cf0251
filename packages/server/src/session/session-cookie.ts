import type { CookieOptions, Request } from 'express';
import type { HookflowConfig } from '@hookflow/engine';

/** The console's session cookie. Scoped to the admin API: webhooks and static files never receive it. */
export const SESSION_COOKIE = 'hookflow_session';
export const SESSION_COOKIE_PATH = '/api/v1';

/**
 * The header a request authenticated by the cookie must carry when it writes. A cross-site page cannot set a
 * custom header without a CORS preflight, which this server never grants, so its presence proves the request
 * came from the console's own origin (the OWASP "custom request header" defence, on top of SameSite=Strict).
 */
export const CSRF_HEADER = 'x-hookflow-csrf';

/**
 * `HttpOnly` (no script reads it), `SameSite=Strict`, `Secure` behind https: when the request came over https
 * (directly or through a trusted proxy) or the public URL is an https one.
 */
export function sessionCookieOptions(
  req: Request,
  config: Pick<HookflowConfig, 'publicUrl'>,
  maxAgeMs?: number,
): CookieOptions {
  return {
    httpOnly: true,
    sameSite: 'strict',
    secure: req.secure || config.publicUrl.startsWith('https:'),
    path: SESSION_COOKIE_PATH,
    ...(maxAgeMs !== undefined ? { maxAge: maxAgeMs } : {}),
  };
}

/** The session cookie's value, if the request carries exactly one. */
export function sessionCookieOf(req: Request): string | undefined {
  const header = req.headers.cookie;
  if (!header) return undefined;
  const values = header
    .split(';')
    .map((part) => part.trim())
    .filter((part) => part.startsWith(`${SESSION_COOKIE}=`))
    .map((part) => part.slice(SESSION_COOKIE.length + 1));
  return values.length === 1 ? values[0] : undefined;
}

/** Requests that change something, and so need the CSRF header when the cookie authenticates them. */
export function isWrite(method: string): boolean {
  return method !== 'GET' && method !== 'HEAD' && method !== 'OPTIONS';
}

export function hasCsrfHeader(req: Request): boolean {
  const value = req.headers[CSRF_HEADER];
  return typeof value === 'string' && value.length > 0;
}
