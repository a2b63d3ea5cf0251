import { Router } from 'express';
import { adminAuth } from '../http/admin-auth';
import { authFailureThrottle } from '../http/auth-failure-throttle';
import { jsonBody } from '../http/json-body';
import { malformedUrl } from '../http/malformed-url';
import type { ServerContext } from '../server-context';
import { registerRoutes, type AdminRoute } from './admin-route';
import { apiKeyRoutes } from './api-keys/api-key-routes';
import { ApiKeyService } from './api-keys/api-key-service';
import { codecCors } from './codec/codec-cors';
import { CODEC_BODY_LIMIT_BYTES } from './codec/codec-payloads';
import { codecRoutes } from './codec/codec-routes';
import { credentialRoutes } from './credentials/credential-routes';
import { CredentialService } from './credentials/credential-service';
import { executionRoutes } from './executions/execution-routes';
import { ExecutionService } from './executions/execution-service';
import { RerunService } from './executions/rerun-service';
import { apiDocument } from './openapi/api-document';
import { openApiRoute } from './openapi/openapi-route';
import { pluginTypeRoutes } from './plugin-types/plugin-type-routes';
import { PluginTypeService } from './plugin-types/plugin-type-service';
import { SessionTokens } from '../session/session-token';
import { sessionRoutes } from './session/session-routes';
import { SessionService } from './session/session-service';
import { ManualRunService } from './workflows/manual-run-service';
import { workflowRoutes } from './workflows/workflow-routes';
import { WorkflowService } from './workflows/workflow-service';

/** Largest sign-in body: `{token}`. Read before authentication, so kept small. */
const OPEN_BODY_LIMIT_BYTES = 4096;

/** The admin API of docs/api.md under `/api/v1`, behind the admin bearer token or a console session. */
export function adminRoutes(ctx: ServerContext): Router {
  const router = Router();
  const sessions = new SessionTokens(ctx.config.adminToken);
  const table = adminRouteTable(ctx, sessions);
  const open = table.filter(isOpen);
  // First: sign-in and every authenticated route count a source's 401s (HOOKFLOW_ADMIN_AUTH_FAILURES).
  router.use(authFailureThrottle(ctx.config.adminAuthFailuresPerMinute));
  // The Temporal UI calls the codec endpoint from its own origin; preflights carry no credentials.
  router.use('/codec', codecCors(ctx.config.temporalUiUrl));
  for (const { path } of open) router.use(path, jsonBody(OPEN_BODY_LIMIT_BYTES));
  registerRoutes(router, open);
  // Authenticate before reading any other body: an anonymous caller cannot make the server parse a megabyte.
  router.use(adminAuth(ctx.config.adminToken, sessions, { changesNothing: isCodecPath }));
  // The Temporal UI sends whole histories' payloads (each up to Temporal's 2 MB) to the codec endpoint.
  router.use('/codec', jsonBody(CODEC_BODY_LIMIT_BYTES));
  router.use(jsonBody());
  registerRoutes(
    router,
    table.filter((route) => !isOpen(route)),
  );
  router.use(malformedUrl);
  return router;
}

/** The codec endpoint only transforms the payloads it is sent: no state changes, no CSRF header needed. */
function isCodecPath(path: string): boolean {
  return path.startsWith('/codec/');
}

/** A route whose every operation is open to anonymous callers (sign-in, sign-out). */
function isOpen(route: AdminRoute): boolean {
  return Object.values(route.operations).every((operation) => operation.security === 'none');
}

/** Every admin route with its handler and documentation: the one table the router and OpenAPI come from. */
export function adminRouteTable(ctx: ServerContext, sessions: SessionTokens): AdminRoute[] {
  const routes: AdminRoute[] = [
    ...sessionRoutes(new SessionService(ctx.config.adminToken, sessions), ctx.config),
    ...apiKeyRoutes(new ApiKeyService(ctx.store.apiKeys, ctx.changes)),
    ...workflowRoutes(new WorkflowService(ctx), new ManualRunService(ctx)),
    ...executionRoutes(new ExecutionService(ctx), new RerunService(ctx)),
    ...pluginTypeRoutes(new PluginTypeService(ctx.registry)),
    ...credentialRoutes(new CredentialService(ctx.store.credentials, ctx.registry)),
    ...codecRoutes(ctx.payloadCodec),
  ];
  // The document describes the table it belongs to, itself included; the public URL is read per request.
  routes.push(openApiRoute(() => apiDocument(ctx.config.publicUrl, routes)));
  return routes;
}
