import { CSRF_RESPONSE, UNAUTHORIZED_RESPONSE } from './error-responses';
import {
  HTTP_METHODS,
  type DocumentedRoute,
  type HttpMethod,
  type OperationDoc,
  type OperationSecurity,
  type ResponseDoc,
  type SchemaObject,
} from './operation-doc';

export interface OpenApiInput {
  /** `HOOKFLOW_PUBLIC_URL`: where a client (Postman) sends requests. */
  serverUrl: string;
  /** Every route, paths as registered (Express style, full path). */
  routes: readonly DocumentedRoute[];
  /** Named schemas the operations reference with `schemaRef`. */
  schemas: Record<string, SchemaObject>;
}

export type OpenApiDocument = Record<string, unknown> & { paths: Record<string, Record<string, unknown>> };

const SECURITY: Record<OperationSecurity, Record<string, string[]>[]> = {
  // The console's session cookie stands for the token (writes also need the CSRF header).
  admin: [{ adminToken: [] }, { sessionCookie: [] }],
  // Either way of presenting a workflow's key (header for generic senders, query for SNS subscriptions).
  apiKey: [{ apiKeyHeader: [] }, { apiKeyQuery: [] }],
  none: [],
};

const TAGS = [
  { name: 'session', description: 'Console sign-in: the admin token exchanged for a session cookie' },
  { name: 'api-keys', description: 'Keys that webhook senders present (stored hashed)' },
  { name: 'workflows', description: 'Workflow definitions, their versions, manual runs and delivery logs' },
  { name: 'executions', description: 'Runs, read from Temporal' },
  { name: 'plugin-types', description: 'Trigger and node types of the loaded plugins' },
  { name: 'webhooks', description: 'Where external systems fire workflows' },
  { name: 'health', description: 'Liveness and readiness probes' },
  { name: 'meta', description: 'This document' },
];

/** The OpenAPI 3.1 document of the whole HTTP API, generated from the route tables (importable into Postman). */
export function buildOpenApiDocument(input: OpenApiInput): OpenApiDocument {
  const paths: OpenApiDocument['paths'] = {};
  for (const route of input.routes) {
    const item = (paths[toOpenApiPath(route.path)] ??= {});
    for (const method of HTTP_METHODS) {
      const operation = route.operations[method];
      if (operation) item[method] = operationObject(route.path, method, operation);
    }
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'Hookflow API',
      version: '1.0.0',
      description:
        'Admin API (`/api/v1`, `Authorization: Bearer <HOOKFLOW_ADMIN_TOKEN>`), webhooks and health probes of ' +
        'a Hookflow server. Errors use one envelope: `{"error":{"code","message","details?"}}`.',
      license: { name: 'Apache-2.0', identifier: 'Apache-2.0' },
    },
    servers: [{ url: input.serverUrl }],
    tags: TAGS,
    paths,
    components: {
      securitySchemes: {
        adminToken: { type: 'http', scheme: 'bearer', description: 'HOOKFLOW_ADMIN_TOKEN' },
        sessionCookie: {
          type: 'apiKey',
          in: 'cookie',
          name: 'hookflow_session',
          description: 'From `POST /api/v1/session`; writes also need the `x-hookflow-csrf` header',
        },
        apiKeyHeader: { type: 'apiKey', in: 'header', name: 'x-api-key', description: 'An API key (`hf_…`)' },
        apiKeyQuery: { type: 'apiKey', in: 'query', name: 'x-api-key', description: 'An API key, for SNS' },
      },
      schemas: input.schemas,
    },
  };
}

/** `/workflows/:id` → `/workflows/{id}`. */
export function toOpenApiPath(expressPath: string): string {
  return expressPath.replace(/:([A-Za-z_][A-Za-z0-9_]*)/g, '{$1}');
}

function pathParameterNames(expressPath: string): string[] {
  return [...expressPath.matchAll(/:([A-Za-z_][A-Za-z0-9_]*)/g)].map((match) => match[1]!);
}

function operationObject(path: string, method: HttpMethod, operation: OperationDoc): Record<string, unknown> {
  const parameters = [
    ...pathParameterNames(path).map((name) => ({
      name,
      in: 'path',
      required: true,
      description: operation.pathParameters?.[name] ?? name,
      schema: { type: 'string' },
    })),
    ...(operation.query ?? []).map((query) => ({
      name: query.name,
      in: 'query',
      required: query.required ?? false,
      description: query.description,
      schema: query.schema,
    })),
    ...(operation.headers ?? []).map((header) => ({
      name: header.name,
      in: 'header',
      required: header.required ?? false,
      description: header.description,
      schema: header.schema,
    })),
  ];
  const responses: Record<number, ResponseDoc> = { ...operation.responses };
  if (operation.security === 'admin') responses[401] ??= UNAUTHORIZED_RESPONSE;
  if (operation.security === 'admin' && method !== 'get') responses[403] ??= CSRF_RESPONSE;
  return {
    operationId: operation.operationId,
    summary: operation.summary,
    ...(operation.description ? { description: operation.description } : {}),
    tags: operation.tags,
    security: SECURITY[operation.security],
    ...(parameters.length > 0 ? { parameters } : {}),
    ...(operation.requestBody
      ? {
          requestBody: {
            required: operation.requestBody.required,
            ...(operation.requestBody.description ? { description: operation.requestBody.description } : {}),
            content: Object.fromEntries(
              (operation.requestBody.contentTypes ?? ['application/json']).map((type) => [
                type,
                { schema: operation.requestBody!.schema },
              ]),
            ),
          },
        }
      : {}),
    responses: Object.fromEntries(
      Object.entries(responses).map(([status, response]) => [status, responseObject(response)]),
    ),
  };
}

function responseObject(response: ResponseDoc): Record<string, unknown> {
  return {
    description: response.description,
    ...(response.headers ? { headers: response.headers } : {}),
    ...(response.schema ? { content: { 'application/json': { schema: response.schema } } } : {}),
  };
}
