import type { DefinitionView } from './definition-view';
import { compileUserSchema } from '@hookflow/sdk/json-schema';
import type { DefinitionProblem } from './validation-types';

/**
 * `inputSchema` compiles as webhooks will check it (docs/webhooks.md, 422 `payload_invalid`), under the rules
 * for untrusted input (e.g. `uniqueItems` needs `maxItems`).
 */
export function inputSchemaProblems(view: DefinitionView): DefinitionProblem[] {
  if (!view.inputSchema) return [];
  const compiled = compileUserSchema(view.inputSchema, 'untrusted-input');
  if (compiled.ok) return [];
  return compiled.problems.map((problem) => ({
    path: `/inputSchema${problem.path}`,
    message: `is not a valid JSON Schema: ${problem.message}`,
  }));
}
