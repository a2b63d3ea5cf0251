import { COMMON_SCHEMAS } from '../../openapi/common-schemas';
import { buildOpenApiDocument, type OpenApiDocument } from '../../openapi/openapi-document';
import type { DocumentedRoute } from '../../openapi/operation-doc';
import { PUBLIC_ROUTES, PUBLIC_SCHEMAS } from '../../openapi/public-routes';
import { API_KEY_SCHEMAS } from '../api-keys/api-key-schemas';
import { CODEC_SCHEMAS } from '../codec/codec-schemas';
import { CREDENTIAL_SCHEMAS } from '../credentials/credential-schemas';
import { EXECUTION_SCHEMAS } from '../executions/execution-schemas';
import { PLUGIN_TYPE_SCHEMAS } from '../plugin-types/plugin-type-schemas';
import { SESSION_SCHEMAS } from '../session/session-schemas';
import { WORKFLOW_SCHEMAS } from '../workflows/workflow-schemas';

/** Where `app.ts` mounts the admin router. */
export const ADMIN_BASE_PATH = '/api/v1';

/** The OpenAPI document of the whole server: the admin route table under `/api/v1`, plus the public routes. */
export function apiDocument(serverUrl: string, adminRoutes: readonly DocumentedRoute[]): OpenApiDocument {
  return buildOpenApiDocument({
    serverUrl,
    routes: [...PUBLIC_ROUTES, ...adminRoutes.map((route) => ({ ...route, path: `${ADMIN_BASE_PATH}${route.path}` }))],
    schemas: {
      ...COMMON_SCHEMAS,
      ...PUBLIC_SCHEMAS,
      ...API_KEY_SCHEMAS,
      ...WORKFLOW_SCHEMAS,
      ...EXECUTION_SCHEMAS,
      ...PLUGIN_TYPE_SCHEMAS,
      ...CREDENTIAL_SCHEMAS,
      ...CODEC_SCHEMAS,
      ...SESSION_SCHEMAS,
    },
  });
}
