import type { DefinitionView } from './definition-view';
import { compileUserSchema, schemaProblems } from '@hookflow/sdk/json-schema';
import { invalidPluginSchemaProblem } from './plugin-schema-problem';
import type { DefinitionCatalog, DefinitionProblem } from './validation-types';

/**
 * `trigger.type` is a loaded trigger plugin, `trigger.config` matches its `configSchema` (literally: config
 * holds no templates), and `trigger.apiKeyName` names an existing key.
 */
export function triggerProblems(view: DefinitionView, catalog: DefinitionCatalog): DefinitionProblem[] {
  const trigger = view.trigger;
  if (!trigger) return [];
  const problems: DefinitionProblem[] = [];
  if (trigger.type !== undefined) {
    const triggerType = catalog.triggerType(trigger.type);
    if (!triggerType) {
      problems.push({ path: '/trigger/type', message: `unknown trigger type "${trigger.type}"` });
    } else if (trigger.config) {
      const compiled = compileUserSchema(triggerType.configSchema);
      if (compiled.ok)
        problems.push(...schemaProblems(compiled.validate, trigger.config, { basePath: '/trigger/config' }));
      else
        problems.push(
          invalidPluginSchemaProblem(
            '/trigger/type',
            `trigger type "${trigger.type}"`,
            'configSchema',
            compiled.problems,
          ),
        );
    }
  }
  if (trigger.apiKeyName !== undefined && trigger.apiKeyName !== '' && !catalog.apiKeyExists(trigger.apiKeyName)) {
    problems.push({ path: '/trigger/apiKeyName', message: `no API key is named "${trigger.apiKeyName}"` });
  }
  return problems;
}
