import express, { type Express } from 'express';
import helmet from 'helmet';
import { pinoHttp } from 'pino-http';
import type { Logger } from '@hookflow/engine';
import { errorHandler, notFound } from './http/error-envelope';
import { healthRoutes } from './health/health-routes';
import type { ComponentCheck } from './health/readiness';

export interface AppDependencies {
  logger: Logger;
  /** Dependency checks behind `/readyz`, by component name. */
  readiness: Record<string, ComponentCheck>;
}

export function createApp(deps: AppDependencies): Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', 'loopback');
  app.use(helmet());
  app.use(
    pinoHttp({
      logger: deps.logger,
      // Health probes every few seconds would drown the log.
      autoLogging: { ignore: (req) => req.url === '/healthz' || req.url === '/readyz' },
      // Log the route, never the query string: SNS subscriptions carry the API key there.
      serializers: {
        req: (req: { id: unknown; method: string; url: string }) => ({
          id: req.id,
          method: req.method,
          path: req.url.split('?')[0],
        }),
        res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
      },
    }),
  );
  app.use(healthRoutes(deps.readiness));
  app.use(notFound);
  app.use(errorHandler);
  return app;
}
