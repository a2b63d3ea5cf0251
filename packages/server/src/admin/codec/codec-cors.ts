import type { RequestHandler } from 'express';

/**
 * CORS for the codec endpoint, for the Temporal UI's origin only (`HOOKFLOW_TEMPORAL_UI_URL`). Credentials are
 * allowed so that the UI may send the admin token (its "pass access token" setting) or cookies ("include
 * cross-origin credentials"); preflights are answered here, before authentication, as browsers send them bare.
 */
export function codecCors(temporalUiUrl: string): RequestHandler {
  const allowedOrigin = new URL(temporalUiUrl).origin;
  return (req, res, next) => {
    res.vary('Origin');
    if (req.headers.origin !== allowedOrigin) {
      next();
      return;
    }
    res.setHeader('Access-Control-Allow-Origin', allowedOrigin);
    res.setHeader('Access-Control-Allow-Credentials', 'true');
    if (req.method === 'OPTIONS') {
      res.setHeader('Access-Control-Allow-Methods', 'POST');
      res.setHeader('Access-Control-Allow-Headers', 'authorization, content-type, x-namespace');
      res.setHeader('Access-Control-Max-Age', '600');
      res.status(204).end();
      return;
    }
    next();
  };
}
