import path from 'node:path';
import express, { Router, type RequestHandler } from 'express';
import { sendError } from '../http/error-envelope';

/** Vite names every built asset after its content hash: a changed file is a new URL, so it may be cached for good. */
const HASHED_ASSETS_CACHE = 'public, max-age=31536000, immutable';
/** `index.html` names the current assets, so browsers must check it on every load. */
const INDEX_CACHE = 'no-cache';

/** Paths the console never owns: an unknown one there is the API's or the webhooks' 404, not the app. */
const NOT_CONSOLE = /^\/(api|webhooks|healthz|readyz)(\/|$)/;

/**
 * The browser console (docs/console.md) at `/`: the built files, and `index.html` for the app's own routes
 * (`/workflows/wf_…`), so a reload or a shared link opens the right page. Without a built console, `/` says so.
 */
export function consoleRoutes(directory: string | undefined): Router {
  const router = Router();
  if (!directory) {
    router.get('/', (_req, res) => {
      sendError(res, 404, 'console_not_built', 'The console is not built: run `npm run build` (packages/console)');
    });
    return router;
  }
  router.use(
    '/assets',
    express.static(path.join(directory, 'assets'), {
      index: false,
      setHeaders: (res) => res.setHeader('Cache-Control', HASHED_ASSETS_CACHE),
    }),
  );
  router.use(
    express.static(directory, { index: false, setHeaders: (res) => res.setHeader('Cache-Control', INDEX_CACHE) }),
  );
  // A middleware, not a route: the app's pages are not part of the HTTP API (nor of its OpenAPI document).
  router.use(appShell(path.join(directory, 'index.html')));
  return router;
}

/**
 * `index.html` for a GET of a client route: a page a browser navigates to (it asks for HTML first), not an API
 * client (any type, or JSON: the JSON 404 stays), an API path or a missing file.
 */
function appShell(indexFile: string): RequestHandler {
  return (req, res, next) => {
    const page = req.method === 'GET' || req.method === 'HEAD';
    if (
      !page ||
      NOT_CONSOLE.test(req.path) ||
      path.extname(req.path) !== '' ||
      req.accepts(['json', 'html']) !== 'html'
    ) {
      next();
      return;
    }
    res.setHeader('Cache-Control', INDEX_CACHE);
    res.sendFile(indexFile);
  };
}
