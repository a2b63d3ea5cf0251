import type { ApiClient } from '../api/client';
import type { WorkflowResource } from '../api/types';
import type { PlannedWorkflow } from './apply-plan';

export type ApplyResult = 'created' | 'updated' | 'unchanged';

export interface AppliedWorkflow {
  name: string;
  file: string;
  result: ApplyResult;
  id: string;
  version: number;
}

/** Carries out a plan in file order; stops at the first API error (what was applied so far stays applied). */
export async function runPlan(
  api: ApiClient,
  plan: readonly PlannedWorkflow[],
  onApplied: (applied: AppliedWorkflow) => void,
): Promise<void> {
  for (const planned of plan) {
    const saved = await apply(api, planned);
    onApplied({
      name: planned.file.name,
      file: planned.file.source,
      result: planned.action === 'create' ? 'created' : planned.action === 'update' ? 'updated' : 'unchanged',
      id: saved.id,
      version: saved.version,
    });
  }
}

async function apply(api: ApiClient, planned: PlannedWorkflow): Promise<WorkflowResource> {
  const { current, definition, enabled } = planned;
  const withEnabled = enabled === undefined ? definition : { ...definition, enabled };
  if (!current) return api.post<WorkflowResource>('/workflows', withEnabled);
  const path = `/workflows/${encodeURIComponent(current.id)}`;
  if (planned.definitionChanged) return api.put<WorkflowResource>(path, withEnabled);
  if (enabled !== undefined) return api.patch<WorkflowResource>(path, { enabled });
  return current;
}
