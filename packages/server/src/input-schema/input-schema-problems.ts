import { compileUserSchema, type ErrorDetail, type JsonSchema } from '@hookflow/engine';

/** A huge payload can fail in thousands of places; the sender needs the first few to fix it. */
const MAX_DETAILS = 50;

/**
 * AJV's errors for `payload` against a workflow's `inputSchema` (`path` a JSON Pointer into the payload,
 * `message`, `keyword`, `params`), or `undefined` when it matches or there is no schema. Webhooks and manual
 * runs both answer 422 `payload_invalid` with these `details`. `compileUserSchema` caches compiled schemas.
 */
export function inputSchemaProblems(
  inputSchema: JsonSchema | undefined,
  payload: unknown,
  workflow: { id: string; version: number },
): ErrorDetail[] | undefined {
  if (inputSchema === undefined) return undefined;
  const compiled = compileUserSchema(inputSchema);
  // Validated on save, so this cannot happen short of a corrupted database; refuse rather than run unchecked.
  if (!compiled.ok) throw new Error(`inputSchema of workflow ${workflow.id} v${workflow.version} does not compile`);
  if (compiled.validate(payload)) return undefined;
  return (compiled.validate.errors ?? []).slice(0, MAX_DETAILS).map((error) => ({
    path: error.instancePath,
    message: error.message ?? 'is invalid',
    keyword: error.keyword,
    params: error.params,
  }));
}
