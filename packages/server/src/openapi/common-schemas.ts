import type { SchemaObject } from './operation-doc';

/** The error envelope of docs/api.md, shared by every operation of the document. */
export const COMMON_SCHEMAS: Record<string, SchemaObject> = {
  ErrorEnvelope: {
    type: 'object',
    required: ['error'],
    properties: {
      error: {
        type: 'object',
        required: ['code', 'message'],
        properties: {
          code: { type: 'string', pattern: '^[a-z][a-z0-9_]*$', examples: ['workflow_not_found'] },
          message: { type: 'string' },
          details: {
            type: 'array',
            items: {
              type: 'object',
              required: ['message'],
              properties: {
                path: { type: 'string', description: 'JSON Pointer or parameter the problem is about' },
                message: { type: 'string' },
              },
            },
          },
        },
      },
    },
    example: { error: { code: 'invalid_workflow', message: 'The workflow is invalid', details: [] } },
  },
};
