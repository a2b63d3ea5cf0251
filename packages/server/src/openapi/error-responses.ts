import type { ResponseDoc } from './operation-doc';
import { schemaRef } from './operation-doc';

/** An answer in the error envelope of docs/api.md, documented with what it means for this operation. */
export function errorResponse(description: string): ResponseDoc {
  return { description, schema: schemaRef('ErrorEnvelope') };
}

/** 503 `unavailable`: MongoDB or Temporal cannot be reached; retry after `Retry-After` seconds. */
export const UNAVAILABLE_RESPONSE: ResponseDoc = {
  description: '`unavailable`: MongoDB or Temporal cannot be reached; retry later',
  schema: schemaRef('ErrorEnvelope'),
  headers: { 'Retry-After': { description: 'Seconds to wait before retrying', schema: { type: 'integer' } } },
};

export const UNAUTHORIZED_RESPONSE: ResponseDoc = errorResponse('`unauthorized`: missing or wrong admin token');

export const CSRF_RESPONSE: ResponseDoc = errorResponse(
  '`csrf_header_required`: authenticated by the session cookie without the `x-hookflow-csrf` header',
);

/** The answers of a request whose JSON body the server itself refuses before the operation sees it. */
export const JSON_BODY_RESPONSES: Record<number, ResponseDoc> = {
  413: errorResponse('`payload_too_large`: the body exceeds 1 MiB'),
  415: errorResponse('`unsupported_media_type`: the body is not `application/json`'),
};
