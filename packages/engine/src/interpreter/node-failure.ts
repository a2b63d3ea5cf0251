import { ActivityFailure, ApplicationFailure, isCancellation, TimeoutFailure } from '@temporalio/workflow';
import type { NodeFailureDetails } from '../activities/node-activity-types';
import { HookflowError } from '@hookflow/sdk/errors';
import type { NodeErrorInfo } from './definitions';

/** A node failed for a reason of its own (not retried by Temporal: control nodes, expressions, wait timeouts). */
export class NodeFailure extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'NodeFailure';
  }
}

/** How a failed node appears in the node map, and how many attempts it took. */
export function describeNodeFailure(
  error: unknown,
  maximumAttempts: number,
): { info: NodeErrorInfo; attempts?: number } {
  if (isCancellation(error)) return { info: { code: 'cancelled', message: 'cancelled before it finished' } };
  if (error instanceof NodeFailure || error instanceof HookflowError) {
    return { info: { code: error.code, message: error.message } };
  }
  // A regular activity's failure is the cause of an ActivityFailure; a local activity's arrives unwrapped.
  if (error instanceof ActivityFailure || error instanceof ApplicationFailure || error instanceof TimeoutFailure) {
    const cause = error instanceof ActivityFailure ? error.cause : error;
    if (cause instanceof ApplicationFailure) {
      const details = cause.details?.[0] as NodeFailureDetails | undefined;
      return {
        info: { code: cause.type ?? 'node_error', message: cause.message },
        ...(details?.attempt ? { attempts: details.attempt } : {}),
      };
    }
    if (cause instanceof TimeoutFailure) {
      return {
        info: { code: 'node_timeout', message: 'timed out' },
        attempts: maximumAttempts,
      };
    }
    return { info: { code: 'node_error', message: cause?.message ?? error.message } };
  }
  return { info: { code: 'node_error', message: error instanceof Error ? error.message : String(error) } };
}
