import type { RequestHandler } from 'express';
import { RateLimiter } from '../webhooks/rate-limiter';
import { sendError } from './error-envelope';

/**
 * Throttles failed admin authentication per source address: every 401 answered below this middleware (a
 * wrong bearer token, a wrong sign-in token, an expired session) takes a token from the address's bucket;
 * once it is empty, the address is answered 429 `rate_limited` with `Retry-After` before any token is
 * compared, so guessing gets no answer at all. `perMinute` 0 turns it off.
 */
export function authFailureThrottle(perMinute: number): RequestHandler {
  const failures = new RateLimiter({ perSecond: perMinute / 60, burst: Math.max(1, perMinute) });
  return (req, res, next) => {
    const source = `admin:${req.ip ?? req.socket.remoteAddress ?? ''}`;
    const decision = failures.peek(source);
    if (!decision.ok) {
      res.setHeader('Retry-After', String(decision.retryAfterSeconds));
      sendError(res, 429, 'rate_limited', 'Too many failed authentication attempts from this address; retry later');
      return;
    }
    res.on('finish', () => {
      if (res.statusCode === 401) failures.take(source);
    });
    next();
  };
}
