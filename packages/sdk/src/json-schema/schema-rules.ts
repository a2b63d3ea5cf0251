import { jsonPointer } from './json-pointer';
import { linearPatternProblem } from './linear-regexp';
import type { SchemaProblem } from './schema-problem';
import { forEachSubschema } from './subschemas';

/** Every `pattern` and `patternProperties` key runs on the linear-time engine, or is refused here. */
export function patternProblems(schema: unknown): SchemaProblem[] {
  const problems: SchemaProblem[] = [];
  forEachSubschema(schema, (subschema, path) => {
    if (typeof subschema.pattern === 'string') {
      const problem = linearPatternProblem(subschema.pattern);
      if (problem) problems.push({ path: `${path}/pattern`, message: problem });
    }
    const patternProperties = subschema.patternProperties;
    if (typeof patternProperties === 'object' && patternProperties !== null) {
      for (const pattern of Object.keys(patternProperties)) {
        const problem = linearPatternProblem(pattern);
        if (problem) problems.push({ path: `${path}/patternProperties${jsonPointer([pattern])}`, message: problem });
      }
    }
  });
  return problems;
}

/**
 * Rules for schemas that check what strangers send (`inputSchema`): `uniqueItems: true` needs a `maxItems`
 * beside it, so that the array it compares is bounded by the admin, not by the sender.
 */
export function untrustedInputProblems(schema: unknown): SchemaProblem[] {
  const problems: SchemaProblem[] = [];
  forEachSubschema(schema, (subschema, path) => {
    if (subschema.uniqueItems === true && typeof subschema.maxItems !== 'number') {
      problems.push({
        path: `${path}/uniqueItems`,
        message: 'uniqueItems needs a maxItems beside it in an inputSchema',
      });
    }
  });
  return problems;
}
