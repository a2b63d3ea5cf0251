import type { JsonObject, WorkflowResource } from '../api/types';
import { definitionOf, dottedPath, redactedPaths, without } from './definition';
import { toYaml } from './workflow-yaml';

export interface ExportedWorkflow {
  name: string;
  fileName: string;
  text: string;
  /** Write-only values left out, as `trigger.config.secret`. */
  leftOut: string[];
}

/**
 * A workflow as a YAML file that `apply` accepts unchanged: its definition (plus `enabled: false` when it is
 * disabled), without the write-only values the server only shows redacted — a comment names each one.
 */
export function exportWorkflow(resource: WorkflowResource): ExportedWorkflow {
  const stored = definitionOf(resource);
  const secretPaths = redactedPaths(stored);
  const definition: JsonObject = without(stored, secretPaths);
  const ordered: JsonObject = resource.enabled ? definition : withEnabledFalse(definition);
  const leftOut = secretPaths.map(dottedPath);
  const comment = [
    ` Workflow "${resource.name}", written by \`hookflow export\`; apply it with \`hookflow apply -f <this file>\`.`,
    ...leftOut.map(
      (path) => ` ${path} is write-only and not exported: apply keeps the stored value; set it here to replace it.`,
    ),
  ].join('\n');
  return { name: resource.name, fileName: `${resource.name}.yaml`, text: toYaml(ordered, comment), leftOut };
}

/** `enabled` right after the name and description, where a reader looks first. */
function withEnabledFalse(definition: JsonObject): JsonObject {
  const { name, description, ...rest } = definition;
  return { name, ...(description !== undefined ? { description } : {}), enabled: false, ...rest };
}
