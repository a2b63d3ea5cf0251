import { isSuccess, type Attempt, type Delivery } from '../senders/records';
import type { RunInfo } from './temporal-runs';
import { type Violations } from './violations';

export interface Window {
  from: number;
  to: number;
}

export interface DeliveryExpectations {
  /** A server was killed: refused or reset connections are what its senders see, and retry. */
  allowNetworkErrors?: boolean;
  /** Admin changes under test: 404/409/401 are the expected answers (checked by the scenario itself). */
  allowRefusals?: boolean;
  /** Temporal was down: a 2xx answered here cannot have been durably recorded. */
  noSuccess?: Window[];
  /** A dependency was stalled: requests sent here must be answered within `limitMs`. */
  answerWithin?: { window: Window; limitMs: number }[];
  /** Deliveries must end with a 2xx (the service recovered; retrying senders get their run). */
  requireSuccess?: boolean;
}

/** What the table shows of a fault, derived from the senders' records and Temporal. */
export interface DeliveryFigures {
  deliveries: number;
  requests: number;
  success: number;
  unavailable: number;
  other: number;
  runs: number;
  duplicates: number;
  lost: number;
  /** The longest time to an answer (status line) of any attempt that got one. */
  slowestMs: number;
}

/**
 * The fault model's promises, checked from the senders' own records against Temporal's runs:
 * every 2xx names its execution and has exactly one run, which completed; 503s say when to retry and which
 * delivery key they used; no other 5xx, no hang; a retrying sender ends with its run.
 */
export function checkDeliveries(
  deliveries: readonly Delivery[],
  runs: readonly RunInfo[],
  expectations: DeliveryExpectations,
  violations: Violations,
): DeliveryFigures {
  const runsById = new Map<string, RunInfo[]>();
  for (const run of runs) runsById.set(run.executionId, [...(runsById.get(run.executionId) ?? []), run]);

  let duplicates = 0;
  for (const [executionId, same] of runsById) {
    if (same.length > 1) {
      duplicates += same.length - 1;
      violations.add('a delivery key ran more than once', `${executionId}: ${same.length} runs`);
    }
  }

  let lost = 0;
  const attempts = deliveries.flatMap((delivery) => delivery.attempts);
  for (const delivery of deliveries) {
    for (const attempt of delivery.attempts) checkAttempt(attempt, expectations, violations);
    const success = delivery.attempts.find((attempt) => isSuccess(attempt.status));
    if (success) {
      const key = delivery.key ?? keyOf(success.executionId, delivery.workflowId);
      const expectedId = key === undefined ? undefined : `${delivery.workflowId}:${key}`;
      if (expectedId === undefined || success.executionId !== expectedId) {
        violations.add(
          '2xx does not name the execution of its delivery key',
          `${describe(success)}: executionId ${success.executionId ?? '(none)'}, expected ${expectedId ?? '?'}`,
        );
      }
      const id = success.executionId ?? expectedId;
      const found = id === undefined ? undefined : runsById.get(id);
      if (!found || found.length === 0) {
        lost++;
        violations.add('2xx without a run in Temporal (lost)', `${describe(success)}: no run ${id ?? ''}`);
      } else if (!found.some((run) => run.status === 'COMPLETED')) {
        violations.add(
          'accepted run did not complete',
          `${id}: ${found.map((run) => run.status).join(', ')} after the completion timeout`,
        );
      }
    } else if (delivery.outcome === 'gave-up' && expectations.requireSuccess !== false) {
      const last = delivery.attempts.at(-1);
      violations.add(
        'a retrying sender never got a 2xx (no recovery)',
        `key ${delivery.key ?? '(none)'}: ${delivery.attempts.length} attempts, last ${last ? describe(last) : '?'}`,
      );
    }
  }

  return {
    deliveries: deliveries.length,
    requests: attempts.length,
    success: attempts.filter((attempt) => isSuccess(attempt.status)).length,
    unavailable: attempts.filter((attempt) => attempt.status === 503).length,
    other: attempts.filter((attempt) => !isSuccess(attempt.status) && attempt.status !== 503).length,
    runs: runs.length,
    duplicates,
    lost,
    slowestMs: Math.max(
      0,
      ...attempts.filter((attempt) => attempt.status !== undefined).map((a) => a.answeredAt - a.sentAt),
    ),
  };
}

function checkAttempt(attempt: Attempt, expectations: DeliveryExpectations, violations: Violations): void {
  const { status } = attempt;
  if (status === 503) {
    const retryAfter = Number(attempt.retryAfter);
    if (!(attempt.retryAfter !== undefined && Number.isFinite(retryAfter) && retryAfter > 0)) {
      violations.add('503 without a usable Retry-After', `${describe(attempt)}: Retry-After ${attempt.retryAfter}`);
    }
    checkAnswerKey(attempt, violations);
  } else if (status !== undefined && status >= 500) {
    violations.add('5xx other than 503', describe(attempt));
  } else if (status !== undefined && status >= 400 && !isSuccess(status) && !expectations.allowRefusals) {
    violations.add('a valid delivery was refused (4xx)', describe(attempt));
  } else if (attempt.failure === 'timeout') {
    violations.add('no answer within the sender timeout (hang)', describe(attempt));
  } else if (attempt.failure === 'network' && !expectations.allowNetworkErrors) {
    violations.add('connection refused or reset while no server was killed', describe(attempt));
  }

  if (isSuccess(status)) {
    for (const window of expectations.noSuccess ?? []) {
      if (attempt.sentAt >= window.from && attempt.answeredAt <= window.to) {
        violations.add('2xx while Temporal was down', describe(attempt));
      }
    }
  }
  for (const { window, limitMs } of expectations.answerWithin ?? []) {
    if (attempt.sentAt < window.from || attempt.sentAt > window.to) continue;
    const tookMs = attempt.answeredAt - attempt.sentAt;
    if (attempt.status === undefined || tookMs > limitMs) {
      violations.add(
        `not answered within ${limitMs / 1000} s while stalled`,
        `${describe(attempt)} after ${(tookMs / 1000).toFixed(2)} s`,
      );
    }
  }
}

/** The spec of a 503: it names the delivery key it used, in the `Idempotency-Key` header and in the body. */
function checkAnswerKey(attempt: Attempt, violations: Violations): void {
  if (attempt.answerKeyHeader === undefined) {
    violations.add('503 without the delivery key (Idempotency-Key header)', describe(attempt));
  } else if (attempt.sentKey !== undefined && attempt.answerKeyHeader !== attempt.sentKey) {
    violations.add('503 names another delivery key than the one sent', describe(attempt));
  }
  if (attempt.answerKeyBody === undefined) {
    violations.add('503 without the delivery key in the body', describe(attempt));
  } else if (attempt.answerKeyHeader !== undefined && attempt.answerKeyBody !== attempt.answerKeyHeader) {
    violations.add('503 names different delivery keys in header and body', describe(attempt));
  }
}

function keyOf(executionId: string | undefined, workflowId: string): string | undefined {
  return executionId?.startsWith(`${workflowId}:`) ? executionId.slice(workflowId.length + 1) : undefined;
}

function describe(attempt: Attempt): string {
  const answer = attempt.status ?? attempt.failure ?? '?';
  const code = attempt.errorCode ? ` ${attempt.errorCode}` : '';
  return `server-${attempt.server} at ${(attempt.sentAt / 1000).toFixed(1)} s, key ${attempt.sentKey ?? '(none)'}: ${answer}${code}`;
}
