import type { ErrorObject, ValidateFunction } from 'ajv';
import { jsonPointer } from './json-pointer';
import { withRequiredChoicesExplained } from './required-choices';
import type { SchemaProblem } from './schema-problem';

export interface SchemaCheckOptions {
  /** JSON Pointer of the validated value inside the document, prefixed to every problem's path. */
  basePath?: string;
  /** Drops the errors the caller excuses (e.g. those under a `{{ }}` template, known only at run time). */
  excuse?: (errors: readonly ErrorObject[]) => ErrorObject[];
}

/** Validates `value` and describes each error as a problem with a JSON Pointer into the document. */
export function schemaProblems(
  validate: ValidateFunction,
  value: unknown,
  options: SchemaCheckOptions = {},
): SchemaProblem[] {
  if (validate(value)) return [];
  // Copy at once: `validate.errors` is overwritten by the validator's next call.
  const errors = [...(validate.errors ?? [])];
  const kept = withRequiredChoicesExplained(options.excuse ? options.excuse(errors) : errors);
  return uniqueProblems(kept.map((error) => toProblem(error, options.basePath ?? '')));
}

/**
 * Ajv's wording, except that a missing or unknown property is reported at its own path
 * (`/nodes/0/params/url: is required`), which is where a form or editor would show it.
 */
export function toProblem(error: ErrorObject, basePath: string): SchemaProblem {
  const path = basePath + error.instancePath;
  const params = error.params as Record<string, unknown>;
  switch (error.keyword) {
    case 'required':
      return { path: path + jsonPointer([String(params.missingProperty)]), message: 'is required' };
    case 'additionalProperties':
      return { path: path + jsonPointer([String(params.additionalProperty)]), message: 'is not an allowed property' };
    case 'unevaluatedProperties':
      return { path: path + jsonPointer([String(params.unevaluatedProperty)]), message: 'is not an allowed property' };
    case 'enum':
      return { path, message: `must be one of ${(params.allowedValues as unknown[]).map(quote).join(', ')}` };
    case 'const':
      return { path, message: `must be ${quote(params.allowedValue)}` };
    default:
      return { path, message: error.message ?? `fails "${error.keyword}"` };
  }
}

export function uniqueProblems(problems: readonly SchemaProblem[]): SchemaProblem[] {
  const seen = new Set<string>();
  return problems.filter((problem) => {
    const key = JSON.stringify([problem.path, problem.message]);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

function quote(value: unknown): string {
  return JSON.stringify(value) ?? String(value);
}
