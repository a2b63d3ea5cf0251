import { HookflowError } from '@hookflow/sdk';

/**
 * Temporal refuses any payload over 2 MB (its default `limit.blobSize.error`). A run's input carries the
 * graph (at most 512 KiB) and the trigger payload; what is left of the 2 MB, minus room for the memo, search
 * attributes and summary sent beside it, is what a start may use.
 */
export const TEMPORAL_PAYLOAD_LIMIT_BYTES = 2 * 1024 * 1024;
export const MAX_RUN_INPUT_BYTES = TEMPORAL_PAYLOAD_LIMIT_BYTES - 128 * 1024;

/** Largest node output, as JSON: outputs travel in activity results and queries, far below 2 MB each. */
export const MAX_NODE_OUTPUT_BYTES = 256 * 1024;

/** Size of a value as JSON text in UTF-8 (what Temporal's JSON payload converter sends). */
export function jsonBytes(value: unknown): number {
  return Buffer.byteLength(JSON.stringify(value) ?? 'null', 'utf8');
}

/** A start Temporal would refuse for its size: answered 413, never 500 (the sender must send less). */
export class RunTooLargeError extends HookflowError {
  constructor(message: string, cause?: unknown) {
    super('payload_too_large', message, cause === undefined ? { status: 413 } : { status: 413, cause });
  }
}

/**
 * Refuses a run input larger than `MAX_RUN_INPUT_BYTES` as JSON. Counted after parsing: a body of 1 MiB can
 * grow (`1e20` is 4 bytes sent and 21 bytes as JSON), so the body limit alone does not bound the start.
 */
export function assertRunInputFits(input: unknown): void {
  const bytes = jsonBytes(input);
  if (bytes > MAX_RUN_INPUT_BYTES) {
    throw new RunTooLargeError(
      `the run input is ${bytes} bytes as JSON, over the ${MAX_RUN_INPUT_BYTES} bytes a Temporal start can carry`,
    );
  }
}

/** Temporal's own refusal of an oversized request (its limit may be set lower than the default). */
export function isTemporalSizeRefusal(error: unknown): boolean {
  for (let current = error; current instanceof Error; current = current.cause) {
    if (
      /size limit|exceeds? (the )?(size|limit)|blob.*(size|limit)|too large|message larger than max/i.test(
        current.message,
      )
    ) {
      return true;
    }
  }
  return false;
}
