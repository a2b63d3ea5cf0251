import { HookflowError, type ErrorDetail } from '@hookflow/engine';

/**
 * A webhook request refused on purpose, with the status and code of the docs/webhooks.md table. Thrown by the
 * pipeline's steps so each can stop the request without knowing how the answer is written.
 */
export class WebhookRefusal extends HookflowError {
  readonly status: number;
  /** Extra response headers, e.g. `Retry-After` on 429 and 503. */
  readonly headers: Readonly<Record<string, string>>;
  /** Why, for the delivery log and the server log; more precise than the message a sender sees. */
  readonly reason: string;

  constructor(
    status: number,
    code: string,
    message: string,
    options: { reason?: string; details?: ErrorDetail[]; headers?: Record<string, string>; cause?: unknown } = {},
  ) {
    super(code, message, { details: options.details, cause: options.cause });
    this.name = 'WebhookRefusal';
    this.status = status;
    this.headers = options.headers ?? {};
    this.reason = options.reason ?? message;
  }
}
