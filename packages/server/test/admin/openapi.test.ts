import { compileUserSchema } from '@hookflow/sdk/json-schema';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../src/app';
import { toOpenApiPath } from '../../src/openapi/openapi-document';
import type { TestServer } from '../support/test-server';
import {
  body,
  createApiKey,
  createWorkflow,
  expectError,
  startAdminServer,
  workflowDefinition,
} from './admin-fixtures';

interface OpenApiOperation {
  operationId: string;
  security: Record<string, string[]>[];
  parameters?: { name: string; in: string; required: boolean }[];
  requestBody?: { content: Record<string, { schema: unknown }> };
  responses: Record<string, { description: string; content?: Record<string, { schema: Record<string, unknown> }> }>;
}
interface OpenApiDocument {
  openapi: string;
  info: { title: string; version: string };
  servers: { url: string }[];
  paths: Record<string, Record<string, OpenApiOperation>>;
  components: { securitySchemes: Record<string, Record<string, string>>; schemas: Record<string, unknown> };
}

/** The layers of an Express 5 router, as far as this test reads them. */
interface RouterLayer {
  route?: { path: string; methods: Record<string, boolean> };
  handle: { stack?: RouterLayer[] };
  rawPath?: unknown;
}

/** `METHOD /path` of every route registered on the app's routers, mounted routers included. */
function registeredRoutes(stack: RouterLayer[], prefix = ''): string[] {
  return stack.flatMap((layer) => {
    if (layer.route) {
      return Object.keys(layer.route.methods)
        .filter((method) => method !== '_all')
        .map((method) => `${method.toUpperCase()} ${toOpenApiPath(prefix + layer.route!.path)}`);
    }
    if (layer.handle.stack) {
      const mount = typeof layer.rawPath === 'string' && layer.rawPath !== '/' ? layer.rawPath : '';
      return registeredRoutes(layer.handle.stack, prefix + mount);
    }
    return [];
  });
}

function documentedRoutes(document: OpenApiDocument): string[] {
  return Object.entries(document.paths).flatMap(([path, item]) =>
    Object.keys(item).map((method) => `${method.toUpperCase()} ${path}`),
  );
}

/** Every `$ref` value anywhere in `value`. */
function refsIn(value: unknown): string[] {
  if (Array.isArray(value)) return value.flatMap(refsIn);
  if (typeof value !== 'object' || value === null) return [];
  return Object.entries(value).flatMap(([key, child]) =>
    key === '$ref' && typeof child === 'string' ? [child] : refsIn(child),
  );
}

describe('admin API: OpenAPI document', () => {
  let server: TestServer;
  let document: OpenApiDocument;

  beforeAll(async () => {
    server = await startAdminServer();
    const response = await server.admin('/openapi.json');
    expect(response.status).toBe(200);
    document = await body<OpenApiDocument>(response);
  });
  afterAll(() => server.close());

  /** Checks a real answer against the schema the document gives for that operation and status. */
  function expectDocumented(path: string, method: string, status: number, answer: unknown): void {
    const schema = document.paths[path]?.[method]?.responses[String(status)]?.content?.['application/json']?.schema;
    expect(schema, `${method} ${path} ${status} has a schema`).toBeDefined();
    // The document is the root, so `#/components/schemas/…` references resolve inside it.
    const compiled = compileUserSchema({ ...schema, components: document.components });
    expect(compiled.ok, JSON.stringify(compiled.ok ? '' : compiled.problems)).toBe(true);
    if (!compiled.ok) return;
    const valid = compiled.validate(answer);
    expect(valid, `${method} ${path} ${status}: ${JSON.stringify(compiled.validate.errors)}`).toBe(true);
  }

  it('is OpenAPI 3.1 with the bearer scheme, pointing at this server', () => {
    expect(document.openapi).toBe('3.1.0');
    expect(document.info.title).toBe('Hookflow API');
    expect(document.servers).toEqual([{ url: server.baseUrl }]);
    expect(document.components.securitySchemes.adminToken).toMatchObject({ type: 'http', scheme: 'bearer' });
  });

  it('documents exactly the routes the Express routers register', () => {
    const registered = registeredRoutes((createApp(server.ctx).router as unknown as { stack: RouterLayer[] }).stack);
    expect(registered).toContain('POST /api/v1/workflows');
    expect(registered).toContain('GET /healthz');
    expect(new Set(documentedRoutes(document))).toEqual(new Set(registered));
  });

  it('secures every admin operation with the token or session, leaving sign-in and health probes open', () => {
    for (const [path, item] of Object.entries(document.paths)) {
      for (const [method, operation] of Object.entries(item)) {
        if (path === '/api/v1/session') {
          expect(operation.security, path).toEqual([]);
        } else if (path.startsWith('/api/v1/')) {
          expect(operation.security, path).toEqual([{ adminToken: [] }, { sessionCookie: [] }]);
          expect(operation.responses['401'], path).toBeDefined();
          if (method !== 'get') expect(operation.responses['403'], `${method} ${path}`).toBeDefined();
        }
        if (path === '/healthz' || path === '/readyz') expect(operation.security).toEqual([]);
      }
    }
  });

  it('is self-consistent: unique operation ids, declared path parameters, resolvable references', () => {
    const operations = Object.entries(document.paths).flatMap(([path, item]) =>
      Object.values(item).map((operation) => ({ path, operation })),
    );
    const ids = operations.map(({ operation }) => operation.operationId);
    expect(new Set(ids).size).toBe(ids.length);
    for (const { path, operation } of operations) {
      const declared = (operation.parameters ?? []).filter((p) => p.in === 'path').map((p) => p.name);
      const inPath = [...path.matchAll(/\{(\w+)\}/g)].map((match) => match[1]);
      expect(declared, path).toEqual(inPath);
      for (const [status, response] of Object.entries(operation.responses)) {
        expect(response.description, `${path} ${status}`).toEqual(expect.any(String));
        if (Number(status) >= 400) {
          expect(response.content?.['application/json']?.schema, `${path} ${status}`).toEqual({
            $ref: '#/components/schemas/ErrorEnvelope',
          });
        }
      }
    }
    for (const ref of refsIn(document)) {
      const name = ref.replace('#/components/schemas/', '');
      expect(document.components.schemas[name], ref).toBeDefined();
    }
  });

  it('describes the answers the API really gives', async () => {
    const created = await createApiKey(server, 'documented');
    expectDocumented('/api/v1/api-keys', 'post', 201, created);
    expectDocumented('/api/v1/api-keys', 'get', 200, await body(await server.admin('/api-keys')));

    const workflow = await createWorkflow(server, {
      ...workflowDefinition('documented', 'documented', { description: 'd' }),
      trigger: { type: 'amazon-sns', apiKeyName: 'documented', config: {} },
    });
    expectDocumented('/api/v1/workflows', 'post', 201, workflow);
    expectDocumented('/api/v1/workflows', 'get', 200, await body(await server.admin('/workflows')));
    expectDocumented('/api/v1/workflows/{id}', 'get', 200, await body(await server.admin(`/workflows/${workflow.id}`)));
    expectDocumented(
      '/api/v1/workflows/{id}/deliveries',
      'get',
      200,
      await body(await server.admin(`/workflows/${workflow.id}/deliveries`)),
    );
    expectDocumented('/api/v1/trigger-types', 'get', 200, await body(await server.admin('/trigger-types')));
    expectDocumented('/api/v1/node-types', 'get', 200, await body(await server.admin('/node-types')));

    const started = await server.admin(`/workflows/${workflow.id}/runs`, { method: 'POST', json: { payload: {} } });
    const { executionId } = await body<{ executionId: string }>(started);
    expectDocumented('/api/v1/workflows/{id}/runs', 'post', 202, { executionId });
    const executionPath = `/executions/${encodeURIComponent(executionId)}`;
    await expect
      .poll(async () => (await body<{ status: string }>(await server.admin(executionPath))).status, { timeout: 30_000 })
      .toBe('completed');
    expectDocumented('/api/v1/executions/{executionId}', 'get', 200, await body(await server.admin(executionPath)));
    expectDocumented('/api/v1/executions', 'get', 200, await body(await server.admin('/executions?limit=5')));
    const rerun = await server.admin(`${executionPath}/rerun`, { method: 'POST', json: { version: 'current' } });
    expectDocumented('/api/v1/executions/{executionId}/rerun', 'post', 202, await body(rerun));
    expectDocumented(
      '/api/v1/workflows/{id}/versions',
      'get',
      200,
      await body(await server.admin(`/workflows/${workflow.id}/versions`)),
    );
    const validation = await server.admin('/workflows/validate', { method: 'POST', json: { name: 'x' } });
    expectDocumented('/api/v1/workflows/validate', 'post', 200, await body(validation));

    const refused = await server.admin('/workflows/wf_unknown');
    expectDocumented('/api/v1/workflows/{id}', 'get', 404, await body(refused));
  });

  it('is behind the admin token like the rest of /api/v1', async () => {
    await expectError(fetch(`${server.baseUrl}/api/v1/openapi.json`), 401, 'unauthorized');
  });
});
