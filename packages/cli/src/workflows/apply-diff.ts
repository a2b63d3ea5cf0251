import { createTwoFilesPatch } from 'diff';
import type { JsonObject } from '../api/types';
import { definitionOf, REDACTED, redactedPaths, valueAt, type ValuePath } from './definition';
import type { PlannedWorkflow } from './apply-plan';
import { toYaml } from './workflow-yaml';

const NEW_SECRET = '(a new write-only value)';

/**
 * A readable account of one planned change: a unified diff of the stored definition against the file's, as
 * YAML. Secrets never print: the server shows them redacted, and a new one in the file is masked too.
 */
export function describeChange(planned: PlannedWorkflow): string {
  const { file, current } = planned;
  if (!current) {
    const nodes = Array.isArray(planned.definition.nodes) ? planned.definition.nodes.length : 0;
    const edges = Array.isArray(planned.definition.edges) ? planned.definition.edges.length : 0;
    return `+ create ${file.name} from ${file.source} (${nodes} nodes, ${edges} edges)\n`;
  }
  const lines: string[] = [];
  if (planned.definitionChanged) {
    const stored = definitionOf(current);
    const wanted = masked(planned.definition, redactedPaths(stored));
    lines.push(
      createTwoFilesPatch(
        `${file.name} (server, version ${current.version})`,
        `${file.source} (version ${current.version + 1})`,
        toYaml(stored),
        toYaml(wanted),
        undefined,
        undefined,
        { context: 3 },
      ).replace(/^=+\n/, ''),
    );
  }
  if (planned.enabled !== undefined) lines.push(`~ ${file.name}: enabled ${current.enabled} → ${planned.enabled}\n`);
  return lines.join('');
}

function masked(definition: JsonObject, secretPaths: readonly ValuePath[]): JsonObject {
  const copy = structuredClone(definition);
  for (const path of secretPaths) {
    const parent = valueAt(copy, path.slice(0, -1)) as Record<string | number, unknown> | undefined;
    const key = path[path.length - 1];
    if (parent && key !== undefined && parent[key] !== undefined && parent[key] !== REDACTED) parent[key] = NEW_SECRET;
  }
  return copy;
}
