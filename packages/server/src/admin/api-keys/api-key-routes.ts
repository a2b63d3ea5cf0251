import { errorResponse, JSON_BODY_RESPONSES, UNAVAILABLE_RESPONSE } from '../../openapi/error-responses';
import { schemaRef } from '../../openapi/operation-doc';
import type { AdminRoute } from '../admin-route';
import { pageQueryDocs } from '../paging/list-page';
import type { ApiKeyService } from './api-key-service';

const tags = ['api-keys'];

export function apiKeyRoutes(apiKeys: ApiKeyService): AdminRoute[] {
  return [
    {
      path: '/api-keys',
      operations: {
        post: {
          operationId: 'createApiKey',
          summary: 'Create an API key',
          description: 'The answer is the only time the key is shown; only its hash is stored.',
          tags,
          security: 'admin',
          requestBody: { schema: schemaRef('ApiKeyCreate'), required: true },
          responses: {
            201: { description: 'Created', schema: schemaRef('CreatedApiKey') },
            400: errorResponse('`invalid_api_key_name`, `invalid_request` or `invalid_json`'),
            409: errorResponse('`api_key_name_taken`: an active key has this name'),
            ...JSON_BODY_RESPONSES,
            503: UNAVAILABLE_RESPONSE,
          },
          handler: async (req, res) => {
            const created = await apiKeys.create(req.body);
            // The secret must not linger in a cache.
            res.setHeader('Cache-Control', 'no-store');
            res.status(201).json(created);
          },
        },
        get: {
          operationId: 'listApiKeys',
          summary: 'List API keys (never the keys themselves)',
          tags,
          security: 'admin',
          query: pageQueryDocs(),
          responses: {
            200: { description: 'Keys, revoked ones included, oldest first', schema: schemaRef('ApiKeyList') },
            400: errorResponse('`invalid_request` (`limit` out of range) or `invalid_page_token`'),
            503: UNAVAILABLE_RESPONSE,
          },
          handler: async (req, res) => {
            res.json(await apiKeys.list(req.query));
          },
        },
      },
    },
    {
      path: '/api-keys/:id',
      operations: {
        delete: {
          operationId: 'revokeApiKey',
          summary: 'Revoke an API key',
          description: 'Every server refuses the key within 5 s; its name becomes free for a replacement.',
          tags,
          security: 'admin',
          pathParameters: { id: 'API key id (`ak_…`)' },
          responses: {
            204: { description: 'Revoked (also when it already was)' },
            404: errorResponse('`api_key_not_found`'),
            503: UNAVAILABLE_RESPONSE,
          },
          handler: async (req, res) => {
            await apiKeys.revoke(String(req.params.id));
            res.status(204).end();
          },
        },
      },
    },
  ];
}
