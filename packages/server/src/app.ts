import express, { type Express } from 'express';
import helmet from 'helmet';
import { pinoHttp } from 'pino-http';
import { adminRoutes } from './admin';
import { consoleDirectory } from './console/console-files';
import { consoleRoutes } from './console/console-routes';
import { healthRoutes } from './health/health-routes';
import { contentSecurityPolicy } from './http/content-security-policy';
import { errorHandler, notFound } from './http/error-envelope';
import type { ServerContext } from './server-context';
import { webhookRoutes } from './webhooks';

export function createApp(ctx: ServerContext): Express {
  const app = express();
  app.disable('x-powered-by');
  // Which hops may set X-Forwarded-For/-Proto (the source IP in the delivery log and rate limits rely on it).
  app.set('trust proxy', ctx.config.trustProxy);
  app.use(helmet({ contentSecurityPolicy: { useDefaults: false, directives: contentSecurityPolicy(ctx.config) } }));
  app.use(
    pinoHttp({
      logger: ctx.logger,
      // Health probes every few seconds would drown the log. Webhooks write their own line ("webhook
      // delivery", with the outcome and the request id), so a second one per request is only cost. Console
      // assets are immutable files fetched once per browser.
      autoLogging: {
        ignore: (req) =>
          req.url === '/healthz' ||
          req.url === '/readyz' ||
          req.url?.startsWith('/webhooks/') === true ||
          req.url?.startsWith('/assets/') === true,
      },
      // Log the route, never the query string or headers: SNS subscriptions carry the API key in the query.
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
  app.use(healthRoutes(ctx.readiness));
  app.use('/api/v1', adminRoutes(ctx));
  app.use('/webhooks', webhookRoutes(ctx));
  app.use(consoleRoutes(consoleDirectory()));
  app.use(notFound);
  app.use(errorHandler);
  return app;
}
