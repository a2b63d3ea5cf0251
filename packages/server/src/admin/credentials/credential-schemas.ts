import type { SchemaObject } from '../../openapi/operation-doc';
import { pageSchema } from '../paging/list-page';

const dateTime = { type: 'string', format: 'date-time' };
const data = {
  type: 'object',
  writeOnly: true,
  description:
    "The values, as the type's schema says (`GET /credential-types`): `bearer {token}`, `basic {username,password}`, " +
    '`header {name,value}`, `query {name,value}`. Never returned.',
};

export const CREDENTIAL_SCHEMAS: Record<string, SchemaObject> = {
  CredentialCreate: {
    type: 'object',
    additionalProperties: false,
    required: ['name', 'type', 'data'],
    properties: {
      name: { type: 'string', pattern: '^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$', description: 'Nodes reference it by this' },
      type: { type: 'string', description: 'A credential type (`GET /credential-types`)' },
      data,
    },
    example: { name: 'shop-api', type: 'bearer', data: { token: 'sk_live_…' } },
  },
  CredentialRotate: {
    type: 'object',
    additionalProperties: false,
    required: ['data'],
    properties: { data },
    example: { data: { token: 'sk_live_new…' } },
  },
  Credential: {
    type: 'object',
    required: ['id', 'name', 'type', 'fields', 'usedBy', 'createdAt', 'updatedAt'],
    properties: {
      id: { type: 'string' },
      name: { type: 'string' },
      type: { type: 'string' },
      fields: { type: 'array', items: { type: 'string' }, description: 'Names of the stored fields, never values' },
      usedBy: {
        type: 'array',
        description: 'Workflows whose current version references this credential',
        items: {
          type: 'object',
          required: ['id', 'name'],
          properties: { id: { type: 'string' }, name: { type: 'string' } },
        },
      },
      createdAt: dateTime,
      updatedAt: { ...dateTime, description: 'Last rotation' },
    },
  },
  CredentialList: pageSchema('Credential'),
  ReencryptionReport: {
    type: 'object',
    required: ['total', 'reencrypted', 'alreadyCurrent', 'failed'],
    properties: {
      total: { type: 'integer' },
      reencrypted: { type: 'integer' },
      alreadyCurrent: { type: 'integer' },
      failed: {
        type: 'array',
        items: {
          type: 'object',
          required: ['id', 'name', 'code'],
          properties: { id: { type: 'string' }, name: { type: 'string' }, code: { type: 'string' } },
        },
      },
    },
  },
};
