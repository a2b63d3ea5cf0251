import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface Reply {
  status: number;
  body?: string;
  headers?: Record<string, string>;
}

export type Route = (request: IncomingMessage) => Reply;

/**
 * A real HTTP server on 127.0.0.1 standing in for an SNS endpoint: it serves whatever routes a test sets
 * (`GET <path and query>` → reply) and remembers every request, so tests can prove what was, and what
 * was never, fetched.
 */
export class LocalOrigin {
  /** `METHOD /path?query` of every request received, in order. */
  readonly received: string[] = [];
  private readonly routes = new Map<string, Route>();
  private fallback: Route = () => ({ status: 404, body: 'not found' });
  private server: Server | undefined;
  origin = '';

  async start(): Promise<this> {
    this.server = createServer((request: IncomingMessage, response: ServerResponse) => {
      const key = `${request.method ?? 'GET'} ${request.url ?? '/'}`;
      this.received.push(key);
      const reply = (this.routes.get(key) ?? this.routeByPath(request) ?? this.fallback)(request);
      response.writeHead(reply.status, reply.headers ?? { 'content-type': 'text/plain' });
      response.end(reply.body ?? '');
    });
    await new Promise<void>((done) => this.server!.listen(0, '127.0.0.1', done));
    this.origin = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this;
  }

  /** Route for an exact `METHOD /path?query`. */
  route(methodAndUrl: string, route: Route): void {
    this.routes.set(methodAndUrl, route);
  }

  /** Route for every query on `METHOD /path`. */
  routePath(methodAndPath: string, route: Route): void {
    this.routes.set(`path:${methodAndPath}`, route);
  }

  private routeByPath(request: IncomingMessage): Route | undefined {
    const path = new URL(request.url ?? '/', 'http://x').pathname;
    return this.routes.get(`path:${request.method ?? 'GET'} ${path}`);
  }

  reset(): void {
    this.received.length = 0;
    this.routes.clear();
  }

  async stop(): Promise<void> {
    const server = this.server;
    if (!server) return;
    server.closeAllConnections();
    await new Promise<void>((done) => server.close(() => done()));
  }
}
