import { markErrorClass } from './error-marker';
import { HookflowError } from './hookflow-error';

/**
 * The error a node throws on purpose. `retryable: false` fails the node at once (e.g. an HTTP 404);
 * `retryable: true` lets the retry policy try again (e.g. a 503). Other thrown errors are retryable.
 */
export class NodeError extends HookflowError {
  readonly retryable: boolean;

  constructor(code: string, message: string, options: { retryable: boolean; cause?: unknown }) {
    super(code, message, { cause: options.cause });
    this.retryable = options.retryable;
  }
}
markErrorClass(NodeError, 'NodeError');
