import { compileUserSchema, type ErrorDetail, type JsonSchema } from '@hookflow/engine';
import { HttpError } from '../../http/http-error';

/** A huge payload can fail in thousands of places; the caller needs the first few to fix it. */
const MAX_DETAILS = 50;

/**
 * 422 `payload_invalid` unless `payload` matches the workflow's `inputSchema` (no schema: anything goes).
 * `details` are AJV's errors (`path` a JSON Pointer into the payload, `message`, `keyword`, `params`): the same
 * shape as a webhook's 422.
 */
export function assertPayloadMatches(inputSchema: JsonSchema | undefined, payload: unknown): void {
  if (inputSchema === undefined) return;
  const compiled = compileUserSchema(inputSchema);
  // Schemas are checked on save; failing here means a stored version no longer compiles: a server fault.
  if (!compiled.ok) throw new Error('a stored inputSchema does not compile');
  if (compiled.validate(payload)) return;
  const details: ErrorDetail[] = (compiled.validate.errors ?? []).slice(0, MAX_DETAILS).map((error) => ({
    path: error.instancePath,
    message: error.message ?? 'is invalid',
    keyword: error.keyword,
    params: error.params,
  }));
  throw new HttpError(422, 'payload_invalid', "The payload does not match the workflow's inputSchema", { details });
}
