import { Router } from 'express';
import { sendError } from '../http/error-envelope';
import { route } from '../http/route';
import { checkReadiness, type ComponentCheck } from './readiness';

/** `/healthz`: the process runs. `/readyz`: MongoDB and Temporal answer (docs/api.md). No token needed. */
export function healthRoutes(checks: Record<string, ComponentCheck>): Router {
  const router = Router();
  route(router, '/healthz', {
    get: (_req, res) => {
      res.json({ status: 'ok' });
    },
  });
  route(router, '/readyz', {
    get: async (req, res) => {
      const report = await checkReadiness(checks);
      if (report.ready) {
        res.json({ status: 'ready' });
        return;
      }
      // The driver's reasons name internal hosts and ports: they go to the server log, the unauthenticated
      // answer names the component only.
      req.log?.warn({ down: report.down }, 'not ready');
      res.setHeader('Retry-After', '5');
      sendError(
        res,
        503,
        'unavailable',
        `Not ready: ${report.down.map((d) => d.component).join(', ')} down`,
        report.down.map((d) => ({ path: d.component, message: `${d.component} is not answering` })),
      );
    },
  });
  return router;
}
