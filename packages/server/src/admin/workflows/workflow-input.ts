import { HookflowError } from '@hookflow/sdk';
import type { DefinitionProblem, PluginRegistry } from '@hookflow/engine';
import { jsonPointer } from '@hookflow/sdk/json-schema';
import { isJsonObject, objectBody, type JsonObject } from '../../http/request-input';
import { keepStoredSecrets, REDACTED, type ValuePath } from './write-only-fields';

/**
 * Fields of a workflow resource that are not part of the definition. A client may send a resource it read
 * back as a POST/PUT body (GET, edit, PUT); these are dropped rather than refused.
 */
const RESOURCE_ONLY_FIELDS = ['id', 'version', 'webhookUrl', 'createdAt', 'updatedAt'];

export interface WorkflowInput {
  /** The definition of docs/workflows.md, exactly as sent minus the resource-only fields. */
  definition: JsonObject;
  /** `enabled`, when the body sets it. */
  enabled?: boolean;
}

/**
 * Splits a POST/PUT body into the definition and `enabled`. `pluginFields` are further names to drop: the
 * fields the trigger plugin adds to the resource (e.g. `subscriptions`).
 */
export function readWorkflowInput(body: unknown, pluginFields: readonly string[] = []): WorkflowInput {
  const input = objectBody(body);
  const definition: JsonObject = {};
  let enabled: boolean | undefined;
  for (const [key, value] of Object.entries(input)) {
    if (key === 'enabled') {
      if (typeof value !== 'boolean') throw invalidWorkflow([{ path: '/enabled', message: 'must be a boolean' }]);
      enabled = value;
    } else if (!RESOURCE_ONLY_FIELDS.includes(key) && !pluginFields.includes(key)) {
      // defineProperty keeps a user key named `__proto__` an ordinary field.
      Object.defineProperty(definition, key, { value, writable: true, enumerable: true, configurable: true });
    }
  }
  return enabled === undefined ? { definition } : { definition, enabled };
}

/** 400 `invalid_workflow` with each problem's JSON Pointer. */
export function invalidWorkflow(problems: DefinitionProblem[]): HookflowError {
  const summary = problems.map((problem) => `${problem.path || '/'}: ${problem.message}`).join('; ');
  return new HookflowError('invalid_workflow', `The workflow definition is invalid: ${summary}`, {
    status: 400,
    details: problems.map((problem) => ({ ...problem })),
  });
}

/**
 * The sent definition with redacted secrets put back: a `REDACTED` placeholder in a write-only field keeps the
 * secret of `stored` (the version being replaced) when it has the same trigger type. A placeholder with no
 * secret to keep (on create, or a new field) is refused: it would otherwise be saved as the secret.
 */
export function withStoredSecrets(
  definition: JsonObject,
  registry: PluginRegistry,
  stored?: { trigger: { type: string; config: unknown } },
): JsonObject {
  const trigger = definition.trigger;
  if (!isJsonObject(trigger) || typeof trigger.type !== 'string') return definition;
  const plugin = registry.trigger(trigger.type);
  if (!plugin) return definition;
  const storedConfig = stored?.trigger.type === trigger.type ? stored.trigger.config : undefined;
  const { config, unmatched } = keepStoredSecrets(plugin.configSchema, trigger.config, storedConfig);
  if (unmatched.length > 0) {
    throw invalidWorkflow(
      unmatched.map((path) => ({
        path: configPointer(path),
        message: `is the redacted placeholder "${REDACTED}" but no stored secret exists to keep; send the secret`,
      })),
    );
  }
  if (config === trigger.config) return definition;
  return { ...definition, trigger: { ...trigger, config } };
}

function configPointer(path: ValuePath): string {
  return `/trigger/config${jsonPointer(path)}`;
}
