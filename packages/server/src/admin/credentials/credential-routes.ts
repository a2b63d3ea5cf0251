import { errorResponse, JSON_BODY_RESPONSES, UNAVAILABLE_RESPONSE } from '../../openapi/error-responses';
import { schemaRef } from '../../openapi/operation-doc';
import type { AdminRoute } from '../admin-route';
import { pageQueryDocs } from '../paging/list-page';
import type { CredentialService } from './credential-service';

const tags = ['credentials'];
const pathParameters = { id: 'Credential id (`cr_…`)' };
const NOT_FOUND = errorResponse('`credential_not_found`');
const KEY_MISSING = errorResponse(
  '`encryption_key_missing`: the server has no `HOOKFLOW_ENCRYPTION_KEY`, so it cannot encrypt the value',
);

export function credentialRoutes(credentials: CredentialService): AdminRoute[] {
  return [
    {
      path: '/credentials',
      operations: {
        post: {
          operationId: 'createCredential',
          summary: 'Store a credential',
          description:
            'The values in `data` are encrypted (AES-256-GCM) and can never be read back, only replaced. ' +
            'Nodes reference the credential by `name`.',
          tags,
          security: 'admin',
          requestBody: { schema: schemaRef('CredentialCreate'), required: true },
          responses: {
            201: { description: 'Stored', schema: schemaRef('Credential') },
            400: errorResponse('`invalid_credential` (name, type or data), `invalid_request` or `invalid_json`'),
            409: errorResponse('`credential_name_taken`'),
            ...JSON_BODY_RESPONSES,
            503: KEY_MISSING,
          },
          handler: async (req, res) => {
            res.status(201).json(await credentials.create(req.body));
          },
        },
        get: {
          operationId: 'listCredentials',
          summary: 'List credentials (never their values)',
          tags,
          security: 'admin',
          query: pageQueryDocs(),
          responses: {
            200: { description: 'Credentials, by name', schema: schemaRef('CredentialList') },
            400: errorResponse('`invalid_request` (a bad parameter) or `invalid_page_token`'),
            503: UNAVAILABLE_RESPONSE,
          },
          handler: async (req, res) => {
            res.json(await credentials.list(req.query));
          },
        },
      },
    },
    {
      path: '/credentials/reencrypt',
      operations: {
        post: {
          operationId: 'reencryptCredentials',
          summary: 'Re-encrypt every credential under the current key',
          description:
            'After a key rotation: start with the new key in `HOOKFLOW_ENCRYPTION_KEY` and the old one in ' +
            '`HOOKFLOW_ENCRYPTION_KEY_PREVIOUS`, call this, then drop the old key. `failed` lists values no ' +
            'configured key opens.',
          tags,
          security: 'admin',
          responses: {
            200: { description: 'What was re-encrypted', schema: schemaRef('ReencryptionReport') },
            503: KEY_MISSING,
          },
          handler: async (_req, res) => {
            res.json(await credentials.reencrypt());
          },
        },
      },
    },
    {
      path: '/credentials/:id',
      operations: {
        get: {
          operationId: 'getCredential',
          summary: 'Read a credential (never its values)',
          tags,
          security: 'admin',
          pathParameters,
          responses: {
            200: { description: 'The credential', schema: schemaRef('Credential') },
            404: NOT_FOUND,
            503: UNAVAILABLE_RESPONSE,
          },
          handler: async (req, res) => {
            res.json(await credentials.get(String(req.params.id)));
          },
        },
        put: {
          operationId: 'rotateCredential',
          summary: 'Replace the values of a credential (rotation)',
          description: 'Name and type stay. Nodes that start after the change use the new values (within 5 s).',
          tags,
          security: 'admin',
          pathParameters,
          requestBody: { schema: schemaRef('CredentialRotate'), required: true },
          responses: {
            200: { description: 'Rotated', schema: schemaRef('Credential') },
            400: errorResponse('`invalid_credential`, `invalid_request` or `invalid_json`'),
            404: NOT_FOUND,
            ...JSON_BODY_RESPONSES,
            503: KEY_MISSING,
          },
          handler: async (req, res) => {
            res.json(await credentials.rotate(String(req.params.id), req.body));
          },
        },
        delete: {
          operationId: 'deleteCredential',
          summary: 'Delete a credential no workflow uses',
          tags,
          security: 'admin',
          pathParameters,
          responses: {
            204: { description: 'Deleted' },
            404: NOT_FOUND,
            409: errorResponse('`credential_in_use`: `details` names each workflow (`workflowId`, `workflowName`)'),
            503: UNAVAILABLE_RESPONSE,
          },
          handler: async (req, res) => {
            await credentials.delete(String(req.params.id));
            res.status(204).end();
          },
        },
      },
    },
  ];
}
