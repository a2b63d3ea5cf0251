import type { RequestHandler, Router } from 'express';
import { methodNotAllowed } from './error-envelope';

type Method = 'get' | 'post' | 'put' | 'patch' | 'delete';

/** Registers the handlers of one path and answers any other method with 405 and an `Allow` header. */
export function route(router: Router, path: string, handlers: Partial<Record<Method, RequestHandler>>): void {
  const chain = router.route(path);
  const allowed: string[] = [];
  for (const [method, handler] of Object.entries(handlers) as [Method, RequestHandler][]) {
    chain[method](handler);
    allowed.push(method.toUpperCase());
  }
  // Express answers HEAD with the GET handler.
  if (allowed.includes('GET')) allowed.push('HEAD');
  chain.all(methodNotAllowed(allowed));
}
