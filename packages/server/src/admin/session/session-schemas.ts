import type { SchemaObject } from '../../openapi/operation-doc';

export const SESSION_SCHEMAS: Record<string, SchemaObject> = {
  SessionCreate: {
    type: 'object',
    additionalProperties: false,
    required: ['token'],
    properties: { token: { type: 'string', minLength: 1, description: 'HOOKFLOW_ADMIN_TOKEN' } },
  },
};
