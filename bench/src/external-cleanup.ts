import type { Connection } from '@temporalio/client';
import type { AdminApi } from './admin-api';

/**
 * When the bench ran against existing services (`TEMPORAL_ADDRESS` / `MONGODB_URI`), it removes what it
 * created there: its runs — every one on a task queue of its own, many never executed — through one Temporal
 * batch deletion, and its workflows and API key through the admin API. The embedded stack is simply discarded.
 */
export async function removeBenchData(options: {
  temporal?: { connection: Connection; namespace: string };
  admin?: AdminApi;
  taskQueues: string[];
  workflowIds: string[];
  apiKeyId: string;
  jobId: string;
}): Promise<void> {
  if (options.temporal) {
    const queues = options.taskQueues.map((queue) => `'${queue}'`).join(', ');
    await options.temporal.connection.workflowService.startBatchOperation({
      namespace: options.temporal.namespace,
      jobId: options.jobId,
      reason: 'npm run bench: removing its own runs',
      visibilityQuery: `TaskQueue IN (${queues})`,
      deletionOperation: {},
    });
    console.log(`Deleting the bench's runs in Temporal (batch job ${options.jobId}).`);
  }
  if (options.admin) {
    // The server writes its delivery log up to ~100 ms late; entries landing after the delete would be orphans.
    await new Promise((resolve) => setTimeout(resolve, 1000));
    for (const id of options.workflowIds) await options.admin.delete(`/api/v1/workflows/${id}`);
    await options.admin.delete(`/api/v1/api-keys/${options.apiKeyId}`);
  }
}
