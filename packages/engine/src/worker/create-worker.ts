import { existsSync } from 'node:fs';
import path from 'node:path';
import { NativeConnection, Worker, type WorkerOptions } from '@temporalio/worker';
import { createPingActivities } from '../activities/ping';

export interface HookflowWorkerSettings {
  temporalAddress: string;
  temporalNamespace: string;
  taskQueue: string;
}

/** Where the build writes the workflow bundle (`npm run build`); bundling at start-up costs seconds. */
export const WORKFLOW_BUNDLE_PATH = path.resolve(__dirname, '..', '..', 'dist', 'workflow-bundle.js');

export function workflowSource(): Pick<WorkerOptions, 'workflowBundle' | 'workflowsPath'> {
  if (existsSync(WORKFLOW_BUNDLE_PATH)) return { workflowBundle: { codePath: WORKFLOW_BUNDLE_PATH } };
  return { workflowsPath: require.resolve('../workflows') };
}

export async function createHookflowWorker(
  settings: HookflowWorkerSettings,
  connection?: NativeConnection,
): Promise<{ worker: Worker; connection: NativeConnection }> {
  const conn = connection ?? (await NativeConnection.connect({ address: settings.temporalAddress }));
  const worker = await Worker.create({
    connection: conn,
    namespace: settings.temporalNamespace,
    taskQueue: settings.taskQueue,
    ...workflowSource(),
    activities: { ...createPingActivities() },
  });
  return { worker, connection: conn };
}
