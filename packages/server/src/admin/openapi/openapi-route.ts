import type { OpenApiDocument } from '../../openapi/openapi-document';
import type { AdminRoute } from '../admin-route';

/** `GET /openapi.json`: behind the admin token like the rest of `/api/v1` (docs/api.md). */
export function openApiRoute(document: () => OpenApiDocument): AdminRoute {
  return {
    path: '/openapi.json',
    operations: {
      get: {
        operationId: 'getOpenApiDocument',
        summary: 'This OpenAPI 3.1 document (import it into Postman)',
        tags: ['meta'],
        security: 'admin',
        responses: { 200: { description: 'The OpenAPI document', schema: { type: 'object' } } },
        handler: (_req, res) => {
          res.json(document());
        },
      },
    },
  };
}
