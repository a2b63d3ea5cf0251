import type { ApiClient } from '../api/client';
import type { JsonObject, WorkflowResource, WorkflowSummary } from '../api/types';
import { definitionOf, fileDefinition, sameJson, withKeptSecrets } from './definition';
import type { WorkflowFile } from './workflow-files';

export type ApplyAction = 'create' | 'update' | 'unchanged';

/** What `apply` will do for one file. */
export interface PlannedWorkflow {
  file: WorkflowFile;
  action: ApplyAction;
  /** The stored workflow, when one has the file's name. */
  current?: WorkflowResource;
  /** The definition to send (write-only values the file leaves out are kept as `[redacted]`). */
  definition: JsonObject;
  /** A new version is saved only when this is true. */
  definitionChanged: boolean;
  /** `enabled` to set, when the file sets it and the server differs (no new version). */
  enabled?: boolean;
}

/** Matches files to stored workflows by name and works out what changes; changes nothing. */
export async function planApply(api: ApiClient, files: readonly WorkflowFile[]): Promise<PlannedWorkflow[]> {
  const summaries = await api.all<WorkflowSummary>('/workflows');
  const idByName = new Map(summaries.map((summary) => [summary.name, summary.id]));
  const plan: PlannedWorkflow[] = [];
  for (const file of files) {
    const wanted = fileDefinition(file.body);
    const enabled = typeof file.body.enabled === 'boolean' ? file.body.enabled : undefined;
    const id = idByName.get(file.name);
    if (id === undefined) {
      plan.push({ file, action: 'create', definition: wanted, definitionChanged: true, enabled });
      continue;
    }
    const current = await api.get<WorkflowResource>(`/workflows/${encodeURIComponent(id)}`);
    const stored = definitionOf(current);
    const definition = withKeptSecrets(wanted, stored);
    const definitionChanged = !sameJson(definition, stored);
    const enabledChange = enabled !== undefined && enabled !== current.enabled ? enabled : undefined;
    plan.push({
      file,
      action: definitionChanged || enabledChange !== undefined ? 'update' : 'unchanged',
      current,
      definition,
      definitionChanged,
      enabled: enabledChange,
    });
  }
  return plan;
}
