import type { DefinitionProblem } from './validation-types';

/** A plugin's own schema does not compile: reported where the workflow names the plugin. */
export function invalidPluginSchemaProblem(
  path: string,
  owner: string,
  schemaName: string,
  problems: readonly DefinitionProblem[],
): DefinitionProblem {
  const details = problems.map((problem) => `${problem.path || '/'}: ${problem.message}`).join('; ');
  return { path, message: `${owner} declares an invalid ${schemaName} (${details})` };
}
