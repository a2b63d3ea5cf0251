/**
 * What a process needs to host a Hookflow worker (`@hookflow/engine/worker-host`). Kept apart from the
 * package's root so that a server, which only starts and reads runs, loads nothing of Temporal's worker SDK
 * (its native core bridge and workflow bundler: about 18 MB of resident memory).
 */
export {
  createHookflowWorker,
  WORKFLOW_BUNDLE_PATH,
  type HookflowWorkerSettings,
  type CreateWorkerOptions,
} from './create-worker';
export { installTemporalRuntime, type TemporalRuntimeOptions } from '../temporal/temporal-runtime';
