import type { Payload } from '@hookflow/engine';
import { invalidRequest } from '../../http/invalid-request';
import { isJsonObject, objectBody, onlyFields } from '../../http/request-input';

/** A payload as Temporal's codec server protocol carries it: proto3 JSON, every bytes field in base64. */
export interface JsonPayload {
  metadata?: Record<string, string>;
  data?: string;
}

/** Largest codec request body. */
export const CODEC_BODY_LIMIT_BYTES = 8 * 1024 * 1024;

/** More than any UI request carries; bounds the work one request can ask for. */
const MAX_PAYLOADS = 1000;
const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

/** `{payloads:[…]}` of a codec request, as SDK payloads; 400 `invalid_request` for anything else. */
export function readCodecRequest(body: unknown): Payload[] {
  const input = objectBody(body);
  onlyFields(input, ['payloads']);
  if (!Array.isArray(input.payloads) || input.payloads.length > MAX_PAYLOADS) {
    throw invalidRequest('/payloads', `must be an array of at most ${MAX_PAYLOADS} payloads`);
  }
  return input.payloads.map((payload: unknown, index) => readPayload(payload, `/payloads/${index}`));
}

function readPayload(payload: unknown, path: string): Payload {
  if (!isJsonObject(payload)) throw invalidRequest(path, 'must be an object');
  const metadata: Record<string, Uint8Array> = {};
  if (payload.metadata !== undefined) {
    if (!isJsonObject(payload.metadata)) throw invalidRequest(`${path}/metadata`, 'must be an object');
    for (const [key, value] of Object.entries(payload.metadata)) {
      metadata[key] = bytes(value, `${path}/metadata/${key}`);
    }
  }
  return { metadata, data: payload.data === undefined ? new Uint8Array() : bytes(payload.data, `${path}/data`) };
}

function bytes(value: unknown, path: string): Uint8Array {
  if (typeof value !== 'string' || !BASE64.test(value)) throw invalidRequest(path, 'must be base64');
  return Buffer.from(value, 'base64');
}

/** SDK payloads back to the protocol's JSON. */
export function toJsonPayloads(payloads: Payload[]): { payloads: JsonPayload[] } {
  return {
    payloads: payloads.map((payload) => ({
      metadata: Object.fromEntries(
        Object.entries(payload.metadata ?? {}).map(([key, value]) => [
          key,
          Buffer.from(value ?? []).toString('base64'),
        ]),
      ),
      data: Buffer.from(payload.data ?? []).toString('base64'),
    })),
  };
}
