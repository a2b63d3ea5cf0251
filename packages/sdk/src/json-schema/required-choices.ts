import type { ErrorObject } from 'ajv';
import { isAtOrBelow } from './json-pointer';

/**
 * `oneOf: [{required: ['seconds']}, {required: ['until']}]` is how a schema says "exactly one of these
 * properties". Ajv reports it as "seconds is required", "until is required" and "must match exactly one
 * schema in oneOf", which reads as a contradiction. Such a failure becomes one error saying what is meant:
 * `must have exactly one of "seconds", "until"` (`at least one of` for anyOf).
 *
 * Needs errors from a validator compiled with `verbose: true`, which puts the combinator's schema on
 * the error.
 */
export function withRequiredChoicesExplained(errors: readonly ErrorObject[]): ErrorObject[] {
  const replaced = new Map<ErrorObject, ErrorObject>();
  const dropped = new Set<ErrorObject>();
  for (const error of errors) {
    if (error.keyword !== 'oneOf' && error.keyword !== 'anyOf') continue;
    const choices = requiredChoices(error.schema);
    if (!choices) continue;
    for (const other of errors) {
      if (other.schemaPath.startsWith(error.schemaPath + '/') && isAtOrBelow(other.instancePath, error.instancePath)) {
        dropped.add(other);
      }
    }
    const quantity = error.keyword === 'oneOf' ? 'exactly one' : 'at least one';
    replaced.set(error, {
      ...error,
      message: `must have ${quantity} of ${choices.map((name) => `"${name}"`).join(', ')}`,
    });
  }
  return errors.filter((error) => !dropped.has(error)).map((error) => replaced.get(error) ?? error);
}

/** The property names when every branch is exactly `{ required: [name] }`. */
function requiredChoices(branches: unknown): string[] | undefined {
  if (!Array.isArray(branches) || branches.length < 2) return undefined;
  const names: string[] = [];
  for (const branch of branches as unknown[]) {
    if (typeof branch !== 'object' || branch === null) return undefined;
    const keys = Object.keys(branch);
    const required = (branch as { required?: unknown }).required;
    if (keys.length !== 1 || !Array.isArray(required) || required.length !== 1 || typeof required[0] !== 'string') {
      return undefined;
    }
    names.push(required[0]);
  }
  return names;
}
