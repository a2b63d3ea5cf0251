import { pageSchema } from '../paging/list-page';
import type { SchemaObject } from '../../openapi/operation-doc';

const dateTime = { type: 'string', format: 'date-time' };
const nullableDateTime = { type: ['string', 'null'], format: 'date-time' };

export const API_KEY_SCHEMAS: Record<string, SchemaObject> = {
  ApiKeyCreate: {
    type: 'object',
    additionalProperties: false,
    required: ['name'],
    properties: {
      name: {
        type: 'string',
        minLength: 1,
        maxLength: 100,
        description: 'Unique among active keys; workflows refer to it as `trigger.apiKeyName`',
      },
    },
    example: { name: 'shop' },
  },
  CreatedApiKey: {
    type: 'object',
    required: ['id', 'name', 'key', 'prefix', 'createdAt'],
    properties: {
      id: { type: 'string' },
      name: { type: 'string' },
      key: { type: 'string', description: 'The secret: shown in this answer only, stored as a hash' },
      prefix: { type: 'string', description: 'First characters of the key, to tell keys apart' },
      createdAt: dateTime,
    },
  },
  ApiKey: {
    type: 'object',
    required: ['id', 'name', 'prefix', 'createdAt', 'lastUsedAt', 'revokedAt'],
    properties: {
      id: { type: 'string' },
      name: { type: 'string' },
      prefix: { type: 'string' },
      createdAt: dateTime,
      lastUsedAt: nullableDateTime,
      revokedAt: nullableDateTime,
    },
  },
  ApiKeyList: pageSchema('ApiKey'),
};
