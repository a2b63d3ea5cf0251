import { Router } from 'express';
import { adminAuth } from '../http/admin-auth';
import { jsonBody } from '../http/json-body';
import { malformedUrl } from '../http/malformed-url';
import type { ServerContext } from '../server-context';
import { registerRoutes, type AdminRoute } from './admin-route';
import { apiKeyRoutes } from './api-keys/api-key-routes';
import { ApiKeyService } from './api-keys/api-key-service';
import { executionRoutes } from './executions/execution-routes';
import { ExecutionService } from './executions/execution-service';
import { apiDocument } from './openapi/api-document';
import { openApiRoute } from './openapi/openapi-route';
import { pluginTypeRoutes } from './plugin-types/plugin-type-routes';
import { PluginTypeService } from './plugin-types/plugin-type-service';
import { ManualRunService } from './workflows/manual-run-service';
import { workflowRoutes } from './workflows/workflow-routes';
import { WorkflowService } from './workflows/workflow-service';

/** The admin API of SPEC §3.1 under `/api/v1`, behind the admin bearer token. */
export function adminRoutes(ctx: ServerContext): Router {
  const router = Router();
  // Authenticate before reading any body: an anonymous caller cannot make the server parse a megabyte.
  router.use(adminAuth(ctx.config.adminToken));
  router.use(jsonBody());
  registerRoutes(router, adminRouteTable(ctx));
  router.use(malformedUrl);
  return router;
}

/** Every admin route with its handler and documentation: the one table the router and OpenAPI come from. */
export function adminRouteTable(ctx: ServerContext): AdminRoute[] {
  const routes: AdminRoute[] = [
    ...apiKeyRoutes(new ApiKeyService(ctx.store.apiKeys, ctx.changes)),
    ...workflowRoutes(new WorkflowService(ctx), new ManualRunService(ctx)),
    ...executionRoutes(new ExecutionService(ctx)),
    ...pluginTypeRoutes(new PluginTypeService(ctx.registry)),
  ];
  // The document describes the table it belongs to, itself included; the public URL is read per request.
  routes.push(openApiRoute(() => apiDocument(ctx.config.publicUrl, routes)));
  return routes;
}
