import type { PayloadCodec } from '@hookflow/engine';
import { errorResponse } from '../../openapi/error-responses';
import { schemaRef, type OperationDoc } from '../../openapi/operation-doc';
import type { AdminOperation, AdminRoute } from '../admin-route';
import { readCodecRequest, toJsonPayloads } from './codec-payloads';

const tags = ['codec'];

/**
 * The codec endpoint: Temporal's codec server protocol, so the Temporal UI (and `temporal
 * workflow show --codec-endpoint`) shows encrypted payloads decoded to an operator holding the admin token.
 */
export function codecRoutes(codec: PayloadCodec): AdminRoute[] {
  return [
    { path: '/codec/decode', operations: { post: operation('decode', codec) } },
    { path: '/codec/encode', operations: { post: operation('encode', codec) } },
  ];
}

function operation(direction: 'encode' | 'decode', codec: PayloadCodec): AdminOperation {
  const doc: OperationDoc = {
    operationId: direction === 'decode' ? 'codecDecode' : 'codecEncode',
    summary:
      direction === 'decode'
        ? 'Decrypt Temporal payloads (codec server protocol, for the Temporal UI)'
        : 'Encrypt Temporal payloads (codec server protocol, for the Temporal UI)',
    description:
      direction === 'decode'
        ? 'Payloads Hookflow encrypted come back decrypted; others come back unchanged.'
        : 'With HOOKFLOW_PAYLOAD_ENCRYPTION=on, payloads come back encrypted; otherwise unchanged.',
    tags,
    security: 'admin',
    headers: [{ name: 'X-Namespace', description: 'Sent by the Temporal UI; not used', schema: { type: 'string' } }],
    requestBody: { schema: schemaRef('CodecPayloads'), required: true },
    responses: {
      200: { description: 'The payloads, in the same order', schema: schemaRef('CodecPayloads') },
      400: errorResponse('`invalid_request` or `invalid_json`'),
      413: errorResponse('`payload_too_large`: the body exceeds 8 MiB'),
      415: errorResponse('`unsupported_media_type`: the body is not `application/json`'),
      500: errorResponse('`encryption_key_unknown` or `decryption_failed`: a payload no configured key opens'),
      503: errorResponse('`encryption_key_missing`: the server has no `HOOKFLOW_ENCRYPTION_KEY`'),
    },
  };
  return {
    ...doc,
    handler: async (req, res) => {
      const payloads = readCodecRequest(req.body);
      const result = direction === 'decode' ? await codec.decode(payloads) : await codec.encode(payloads);
      // Decoded payloads are the secrets this endpoint exists to reveal: never cache them.
      res.setHeader('Cache-Control', 'no-store');
      res.json(toJsonPayloads(result));
    },
  };
}
