import type { ApiClient } from '../api/client';
import type { WorkflowSummary } from '../api/types';
import { CliError } from '../errors';

/** A workflow named on the command line, by name or by id (`wf_…`). */
export async function findWorkflow(api: ApiClient, nameOrId: string): Promise<WorkflowSummary> {
  const summaries = await api.all<WorkflowSummary>('/workflows');
  const found =
    summaries.find((summary) => summary.name === nameOrId) ?? summaries.find((summary) => summary.id === nameOrId);
  if (!found) throw new CliError(`workflow_not_found: no workflow named "${nameOrId}"`);
  return found;
}
