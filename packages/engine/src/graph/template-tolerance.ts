import type { ErrorObject } from 'ajv';
import { isAtOrBelow } from '@hookflow/sdk/json-schema';

/**
 * docs/workflows.md: in params, a `{{ }}` template is accepted where a value is, because its value is only known
 * at run time. Params are validated with every error reported, then the errors a template excuses are
 * dropped:
 *
 * 1. errors at or below a string holding a template (`port: "{{ $trigger.port }}"` is not an integer yet);
 * 2. an `anyOf`/`oneOf` failure with a branch whose every error was excused (the template may match it),
 *    together with the errors of its other branches;
 * 3. an `if` failure whose `then`/`else` errors were all excused.
 *
 * Ajv reports a combinator's branch errors before the combinator's own error, so one pass in order
 * settles nested combinators inside out. Rendered params are validated again, strictly, before a node runs.
 */
export function withoutTemplateExcusedErrors(
  errors: readonly ErrorObject[],
  templatePointers: readonly string[],
): ErrorObject[] {
  if (templatePointers.length === 0) return [...errors];
  const excused = new Set<ErrorObject>();
  for (const error of errors) {
    if (templatePointers.some((pointer) => isAtOrBelow(error.instancePath, pointer))) {
      excused.add(error);
      continue;
    }
    const branches = branchErrorGroups(error, errors);
    if (branches.some((group) => group.length > 0 && group.every((branchError) => excused.has(branchError)))) {
      // The combinator may pass, so the failures of its other branches are no problems either.
      excused.add(error);
      for (const branchError of branches.flat()) excused.add(branchError);
    }
  }
  return errors.filter((error) => !excused.has(error));
}

/** The errors of each branch a failed combinator tried, grouped by branch; none for other keywords. */
function branchErrorGroups(error: ErrorObject, errors: readonly ErrorObject[]): ErrorObject[][] {
  let branchRoot: string;
  if (error.keyword === 'anyOf' || error.keyword === 'oneOf') {
    branchRoot = error.schemaPath;
  } else if (error.keyword === 'if') {
    const failing = (error.params as { failingKeyword?: unknown }).failingKeyword;
    if (failing !== 'then' && failing !== 'else') return [];
    branchRoot = error.schemaPath.replace(/\/if$/, `/${failing}`);
  } else {
    return [];
  }
  const groups = new Map<string, ErrorObject[]>();
  for (const candidate of errors) {
    if (candidate === error || !candidate.schemaPath.startsWith(branchRoot + '/')) continue;
    if (!isAtOrBelow(candidate.instancePath, error.instancePath)) continue;
    // anyOf/oneOf: group by branch index; if/then/else has a single branch.
    const branch =
      error.keyword === 'if' ? '' : (candidate.schemaPath.slice(branchRoot.length + 1).split('/')[0] ?? '');
    groups.set(branch, [...(groups.get(branch) ?? []), candidate]);
  }
  return [...groups.values()];
}
