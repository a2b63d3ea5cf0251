import type { JsonSchema } from '@hookflow/engine';
import { HttpError } from '../../http/http-error';
import { inputSchemaProblems } from '../../input-schema/input-schema-problems';

/** 422 `payload_invalid` unless `payload` matches the workflow's `inputSchema` (no schema: anything goes). */
export function assertPayloadMatches(
  inputSchema: JsonSchema | undefined,
  payload: unknown,
  workflow: { id: string; version: number },
): void {
  const details = inputSchemaProblems(inputSchema, payload, workflow);
  if (details)
    throw new HttpError(422, 'payload_invalid', "The payload does not match the workflow's inputSchema", { details });
}
