import type { ErrorDetail } from '../errors/hookflow-error';
import { TriggerError } from '../errors/trigger-error';
import { compileUserSchema } from '../json-schema/user-schema-compiler';
import type { JsonSchema } from '../plugin/json-schema';

/**
 * Validation stops at the first failure (`untrusted-input`), so the list is short already; combinators
 * (`anyOf` branches) can add a few more, bounded by the schema. The cap keeps the answer small whatever.
 */
const MAX_DETAILS = 50;

/**
 * 422 `payload_invalid` unless `input` matches the workflow's `inputSchema` (no schema: anything goes), with
 * AJV's errors in `details` (`path` a JSON Pointer into the input, `message`, `keyword`, `params`). Webhooks
 * and manual runs both check their input with this.
 */
export function assertInputMatches(inputSchema: JsonSchema | undefined, input: unknown): void {
  if (inputSchema === undefined) return;
  const compiled = compileUserSchema(inputSchema, 'untrusted-input');
  // Validated on save, so this cannot happen short of a corrupted database; refuse rather than run unchecked.
  if (!compiled.ok) throw new Error('the inputSchema of this workflow does not compile');
  if (compiled.validate(input)) return;
  const details: ErrorDetail[] = (compiled.validate.errors ?? []).slice(0, MAX_DETAILS).map((error) => ({
    path: error.instancePath,
    message: error.message ?? 'is invalid',
    keyword: error.keyword,
    params: error.params,
  }));
  throw new TriggerError(422, 'payload_invalid', "The payload does not match the workflow's inputSchema", {
    details,
    reason: `payload does not match inputSchema: ${details.map((d) => `${d.path || '/'} ${d.message}`).join('; ')}`,
  });
}
