import type { SchemaObject } from '../../openapi/operation-doc';

export const CODEC_SCHEMAS: Record<string, SchemaObject> = {
  CodecPayloads: {
    type: 'object',
    required: ['payloads'],
    additionalProperties: false,
    description: "Temporal's codec server protocol: payloads in proto3 JSON (bytes as base64)",
    properties: {
      payloads: {
        type: 'array',
        maxItems: 1000,
        items: {
          type: 'object',
          properties: {
            metadata: { type: 'object', additionalProperties: { type: 'string', contentEncoding: 'base64' } },
            data: { type: 'string', contentEncoding: 'base64' },
          },
        },
      },
    },
  },
};
