import { now, sleep } from '../clock';
import { isSuccess, type Attempt, type Delivery } from './records';

export interface SenderSettings {
  /** Base URLs of the server instances, as a load balancer would spread them. */
  servers: readonly string[];
  apiKey: string;
  /** A sender's own patience per attempt; an answer later than this counts as a hang. */
  attemptTimeoutMs: number;
  /** Upper bound on honouring `Retry-After`, so a short run fits its time budget. */
  maxRetryDelayMs: number;
}

/**
 * One delivery as a well-behaved sender makes it: the same body, and once it knows one the same delivery key,
 * until it gets a 2xx or a final 4xx; it retries on 5xx, 429, refused connections and timeouts, waiting what
 * `Retry-After` asks (bounded) or backing off. `retryUntil` is read before each retry: the harness moves it
 * when it stops the load, and a delivery still refused then is given up.
 */
export async function deliver(
  delivery: Delivery,
  body: unknown,
  settings: SenderSettings,
  retryUntil: () => number,
  pickServer: () => number,
): Promise<void> {
  for (let attemptNo = 0; ; attemptNo++) {
    const attempt = await sendAttempt(settings, pickServer(), delivery.workflowId, delivery.key, body);
    delivery.attempts.push(attempt);
    if (isSuccess(attempt.status)) {
      delivery.outcome = attempt.status === 202 ? 'accepted' : 'duplicate';
      return;
    }
    const retryable =
      attempt.status === undefined || attempt.status === 429 || (attempt.status >= 500 && attempt.status < 600);
    if (!retryable) {
      delivery.outcome = 'refused';
      return;
    }
    if (delivery.key === undefined) {
      // Without a key a retry may start a second run; the 503 must name the key the server used.
      const learned = attempt.answerKeyHeader ?? attempt.answerKeyBody;
      if (learned === undefined) {
        delivery.outcome = 'unsafe';
        return;
      }
      delivery.key = learned;
    }
    const delayMs = retryDelayMs(attempt, attemptNo, settings.maxRetryDelayMs);
    if (now() + delayMs > retryUntil()) {
      delivery.outcome = 'gave-up';
      return;
    }
    await sleep(delayMs);
  }
}

function retryDelayMs(attempt: Attempt, attemptNo: number, maxMs: number): number {
  const asked = attempt.retryAfter === undefined ? NaN : Number(attempt.retryAfter) * 1000;
  const backoff = Math.min(2_000, 200 * 2 ** attemptNo);
  const base = Number.isFinite(asked) && asked >= 0 ? asked : backoff;
  // Jitter, as senders use, so that retries after an outage do not arrive as one wave.
  return Math.min(maxMs, base) * (0.75 + Math.random() * 0.5);
}

/** One POST; never throws: a refused connection or a timeout is recorded as such. */
export async function sendAttempt(
  settings: SenderSettings,
  server: number,
  workflowId: string,
  key: string | undefined,
  body: unknown,
): Promise<Attempt> {
  const sentAt = now();
  const base = { server, sentAt, ...(key === undefined ? {} : { sentKey: key }) };
  try {
    const response = await fetch(`${settings.servers[server]}/webhooks/${workflowId}`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'x-api-key': settings.apiKey,
        ...(key === undefined ? {} : { 'idempotency-key': key }),
      },
      body: JSON.stringify(body),
      signal: AbortSignal.timeout(settings.attemptTimeoutMs),
    });
    const answeredAt = now();
    const text = await response.text().catch(() => '');
    const json = parseJson(text);
    const error = json?.error as Record<string, unknown> | undefined;
    return {
      ...base,
      answeredAt,
      status: response.status,
      ...stringField('errorCode', error?.code),
      ...stringField('retryAfter', response.headers.get('retry-after') ?? undefined),
      ...stringField('answerKeyHeader', response.headers.get('idempotency-key') ?? undefined),
      ...stringField('answerKeyBody', json?.deliveryKey ?? error?.deliveryKey),
      ...stringField('executionId', json?.executionId),
      ...stringField('answerStatus', json?.status),
    };
  } catch (error) {
    const timedOut = error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError');
    return { ...base, answeredAt: now(), failure: timedOut ? 'timeout' : 'network' };
  }
}

function parseJson(text: string): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

function stringField<K extends string>(name: K, value: unknown): Partial<Record<K, string>> {
  return typeof value === 'string' ? ({ [name]: value } as Record<K, string>) : {};
}
