import type { RequestHandler, Router } from 'express';
import type { DocumentedRoute, HttpMethod, OperationDoc } from '../openapi/operation-doc';
import { route } from '../http/route';

/** An admin operation: its documentation and its handler, side by side so neither can drift. */
export interface AdminOperation extends OperationDoc {
  handler: RequestHandler;
}

export interface AdminRoute extends DocumentedRoute {
  operations: Partial<Record<HttpMethod, AdminOperation>>;
}

/** Registers each route's handlers on `router`; other methods answer 405 with `Allow`. */
export function registerRoutes(router: Router, routes: readonly AdminRoute[]): void {
  for (const adminRoute of routes) {
    const handlers: Partial<Record<HttpMethod, RequestHandler>> = {};
    for (const [method, operation] of Object.entries(adminRoute.operations) as [HttpMethod, AdminOperation][]) {
      handlers[method] = operation.handler;
    }
    route(router, adminRoute.path, handlers);
  }
}
