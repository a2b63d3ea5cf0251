/**
 * How a route documents itself. The admin routes carry these next to their handlers (one table drives both the
 * Express registration and the OpenAPI document); routes owned elsewhere are described in `public-routes.ts`.
 */

export type HttpMethod = 'get' | 'post' | 'put' | 'patch' | 'delete';
export const HTTP_METHODS: readonly HttpMethod[] = ['get', 'post', 'put', 'patch', 'delete'];

/** A JSON Schema (draft 2020-12, the dialect of OpenAPI 3.1). */
export type SchemaObject = Record<string, unknown>;

export interface QueryParameterDoc {
  name: string;
  description: string;
  schema: SchemaObject;
  required?: boolean;
}

export interface HeaderDoc {
  description: string;
  schema: SchemaObject;
  required?: boolean;
}

export interface ResponseDoc {
  description: string;
  /** JSON body; absent for bodiless answers (204). */
  schema?: SchemaObject;
  headers?: Record<string, HeaderDoc>;
}

export interface RequestBodyDoc {
  description?: string;
  schema: SchemaObject;
  required: boolean;
  /** Default `application/json`. */
  contentTypes?: string[];
}

/** Who may call an operation: the admin bearer token, a workflow's API key, or anyone. */
export type OperationSecurity = 'admin' | 'apiKey' | 'none';

export interface OperationDoc {
  operationId: string;
  summary: string;
  description?: string;
  tags: string[];
  security: OperationSecurity;
  /** Descriptions of the `:name` segments of the route's path, by name. */
  pathParameters?: Record<string, string>;
  query?: QueryParameterDoc[];
  headers?: (HeaderDoc & { name: string })[];
  requestBody?: RequestBodyDoc;
  responses: Record<number, ResponseDoc>;
}

export interface DocumentedRoute {
  /** Express-style path (`/workflows/:id`), as registered. */
  path: string;
  operations: Partial<Record<HttpMethod, OperationDoc>>;
}

/** A reference to a named schema of the document's `components.schemas`. */
export function schemaRef(name: string): SchemaObject {
  return { $ref: `#/components/schemas/${name}` };
}
