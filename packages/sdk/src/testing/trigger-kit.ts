import { timingSafeEqual } from 'node:crypto';
import { TriggerError } from '../errors/trigger-error';
import { createOutboundHttpClient } from '../outbound-http/outbound-http-client';
import type { JsonSchema } from '../plugin/json-schema';
import type { PluginLogger } from '../plugin/logger';
import type { OutboundHttpClient } from '../plugin/outbound-http';
import type { PluginStateStore, TriggerContext, TriggerPlugin, TriggerSettings } from '../plugin/trigger-plugin';
import { answerWebhook } from '../pipeline/answer-webhook';
import type { TriggerAnswer } from '../pipeline/answer';
import type { PipelineRateLimits } from '../pipeline/rate-limits';
import { createTriggerContext } from '../pipeline/trigger-context';
import { createInMemoryStateStore } from './in-memory-state';
import { silentLogger } from './silent-logger';

/** The server's default `HOOKFLOW_WEBHOOK_MAX_BYTES`. */
const DEFAULT_MAX_BODY_BYTES = 1024 * 1024;
/** The server's default `HOOKFLOW_WEBHOOK_REQUEST_TIMEOUT_SECONDS`. */
const DEFAULT_REQUEST_TIMEOUT_SECONDS = 10;

export interface TriggerTestRequest {
  method?: string;
  /** Header names in any case. Without `content-type`, an object body is sent as `application/json`. */
  headers?: Record<string, string | string[]>;
  query?: Record<string, string | string[]>;
  /** An object is sent as JSON text. */
  body?: string | Buffer | object;
  sourceIp?: string;
}

export interface TriggerTestOptions<Config> {
  /** The workflow's `trigger.config`. */
  config?: Config;
  /** The key bound to the workflow; `verifyApiKey` accepts exactly this one. */
  apiKey?: string;
  /** The workflow's `inputSchema`. */
  inputSchema?: JsonSchema;
  /** `HOOKFLOW_WEBHOOK_MAX_BYTES` (default 1 MiB). */
  maxBodyBytes?: number;
  workflow?: { id: string; name: string; version: number };
  now?: Date;
  http?: OutboundHttpClient;
  state?: PluginStateStore;
  logger?: PluginLogger;
  settings?: Partial<TriggerSettings>;
  /**
   * The delivery keys already started for the workflow, as Temporal knows them on the server: an accepted
   * event's key is added, and the same key again answers 200 `duplicate` without an event.
   */
  startedDeliveryKeys?: Set<string>;

  // The server's state the request meets: by default an enabled workflow, every dependency up, every limit
  // far off. Each option makes the same pipeline code answer as the server does in that state.

  /** `missing`: no workflow has the URL (404 `workflow_not_found`); `disabled`: 409 `workflow_disabled`. */
  workflowStatus?: 'enabled' | 'disabled' | 'missing';
  /**
   * A dependency the server cannot reach: `mongodb` fails the workflow lookup, before the plugin runs;
   * `temporal` fails the start, after the plugin accepted the request. Both answer 503 `unavailable` with
   * `Retry-After` and the delivery key a retry should use (header `Idempotency-Key` and `error.deliveryKey`).
   */
  unreachable?: 'mongodb' | 'temporal';
  /**
   * The key's rate limit (`HOOKFLOW_WEBHOOK_RATE_LIMIT`) is exhausted: 429 `rate_limited`, or 503 for a plugin
   * that declares `sendersRetryOnlyOn5xx`. Consulted only after auth and `parse` passed. `Retry-After` is 1 s
   * unless given.
   */
  rateLimited?: boolean | { retryAfterSeconds: number };
  /**
   * The source address used up its failed auth attempts (`HOOKFLOW_WEBHOOK_AUTH_FAILURES`): refused before
   * anything else is read, as `rateLimited`. `Retry-After` is 60 s unless given.
   */
  failedAuthLimited?: boolean | { retryAfterSeconds: number };
  /** Every body slot is taken (`HOOKFLOW_WEBHOOK_MAX_CONCURRENT_BODIES`): 503 before the body is read. */
  bodySlotsFull?: boolean;
  /** The body does not arrive within `requestTimeoutSeconds`: 408 `request_timeout`. */
  bodyTimesOut?: boolean;
  /** `HOOKFLOW_WEBHOOK_REQUEST_TIMEOUT_SECONDS` (default 10). */
  requestTimeoutSeconds?: number;
}

/** The answer the server would send, and what it would run. */
export interface TriggerTestResult extends TriggerAnswer {
  /** When accepted (not a duplicate): what the server would start an execution with (`$trigger`, delivery key). */
  event?: { payload: unknown; deliveryKey: string };
  /** The error that stopped the request, if one did (a 500 answer means a bug in the plugin: look here). */
  error?: unknown;
}

/**
 * Sends one request through a trigger plugin exactly as the server would — the same code (`answerWebhook` of
 * `@hookflow/sdk/pipeline`): method, workflow, limits, media type, auth, size, JSON parse, the plugin's
 * parser and confirmation hook, the workflow's `inputSchema` — and resolves the answer the server would send
 * in the state the options describe. An accepted event answers 202 with the execution id the server would
 * use (200 `duplicate` for a key in `startedDeliveryKeys`); nothing is started.
 */
export async function runTrigger<Config>(
  plugin: TriggerPlugin<Config>,
  request: TriggerTestRequest,
  options: TriggerTestOptions<Config> = {},
): Promise<TriggerTestResult> {
  const receivedAt = options.now ?? new Date();
  const workflow = options.workflow ?? { id: 'wf_test', name: 'test', version: 1 };
  const rawBody = bodyBytes(request.body);
  const status = options.workflowStatus ?? 'enabled';
  const outcome = await answerWebhook(
    {
      method: request.method ?? 'POST',
      headers: lowerCaseHeaders(request),
      query: request.query ?? {},
      sourceIp: request.sourceIp ?? '127.0.0.1',
      receivedAt,
    },
    {
      findWorkflow: () => {
        if (options.unreachable === 'mongodb') return Promise.reject(simulatedOutage('mongodb'));
        return Promise.resolve(status === 'missing' ? undefined : { id: workflow.id, enabled: status === 'enabled' });
      },
      triggerOf: () => ({
        plugin,
        pipeline: {
          maxBodyBytes: options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES,
          requestTimeoutSeconds: options.requestTimeoutSeconds ?? DEFAULT_REQUEST_TIMEOUT_SECONDS,
          holdBodySlot: () => options.bodySlotsFull !== true,
          readBody: () => Promise.resolve(options.bodyTimesOut === true ? 'timed_out' : rawBody),
          verifyApiKey: (presented) =>
            Promise.resolve(
              sameKey(presented, options.apiKey)
                ? { ok: true, keyId: 'test-key' }
                : {
                    ok: false,
                    reason: presented === undefined ? 'no API key presented' : 'unknown or revoked API key',
                  },
            ),
          rateLimits: simulatedRateLimits(options),
          inputSchema: options.inputSchema,
          context: createTestTriggerContext({ ...options, workflow, now: receivedAt }),
        },
      }),
      startExecution: (_workflow, event) => {
        if (options.unreachable === 'temporal') return Promise.reject(simulatedOutage('temporal'));
        const executionId = `${workflow.id}:${event.deliveryKey}`;
        if (options.startedDeliveryKeys?.has(event.deliveryKey)) {
          return Promise.resolve({ executionId, status: 'duplicate' as const });
        }
        options.startedDeliveryKeys?.add(event.deliveryKey);
        return Promise.resolve({ executionId, status: 'accepted' as const });
      },
    },
  );
  return {
    ...outcome.answer,
    ...(outcome.event ? { event: outcome.event } : {}),
    ...('error' in outcome ? { error: outcome.error } : {}),
  };
}

/** The context a plugin's `parse`/`confirm` gets in the kit: in-memory state, the real outbound client. */
export function createTestTriggerContext<Config>(options: TriggerTestOptions<Config> = {}): TriggerContext<Config> {
  const now = options.now;
  return createTriggerContext({
    workflow: options.workflow ?? { id: 'wf_test', name: 'test', version: 1 },
    config: (options.config ?? {}) as Config,
    logger: options.logger ?? silentLogger(),
    http: options.http ?? createOutboundHttpClient(),
    state: options.state ?? createInMemoryStateStore(),
    settings: {
      publicUrl: 'http://localhost:3000',
      snsMaxAgeSeconds: 3600,
      snsTrustedOrigins: [],
      ...options.settings,
    },
    now: () => now ?? new Date(),
  });
}

/** The server's limits as the options describe them: each either never reached or already exhausted. */
function simulatedRateLimits(options: TriggerTestOptions<unknown>): PipelineRateLimits {
  const verdict = (limit: boolean | { retryAfterSeconds: number } | undefined, retryAfterSeconds: number) =>
    limit === undefined || limit === false
      ? ({ ok: true } as const)
      : { ok: false as const, retryAfterSeconds: limit === true ? retryAfterSeconds : limit.retryAfterSeconds };
  return {
    sourceMayAuthenticate: () => verdict(options.failedAuthLimited, 60),
    authFailed: () => undefined,
    take: () => verdict(options.rateLimited, 1),
  };
}

/** What the server's store or Temporal client raises when it cannot reach its dependency. */
function simulatedOutage(component: 'mongodb' | 'temporal'): TriggerError {
  return new TriggerError(503, 'unavailable', `${component} is unreachable (simulated by the test kit)`, {
    reason: `${component} unavailable`,
  });
}

function bodyBytes(body: TriggerTestRequest['body']): Buffer {
  if (Buffer.isBuffer(body)) return body;
  if (typeof body === 'string') return Buffer.from(body);
  return body === undefined ? Buffer.alloc(0) : Buffer.from(JSON.stringify(body));
}

function lowerCaseHeaders(request: TriggerTestRequest): Record<string, string | string[]> {
  const headers: Record<string, string | string[]> = {};
  for (const [name, value] of Object.entries(request.headers ?? {})) headers[name.toLowerCase()] = value;
  if (headers['content-type'] === undefined && typeof request.body === 'object' && !Buffer.isBuffer(request.body)) {
    headers['content-type'] = 'application/json';
  }
  return headers;
}

function sameKey(presented: string | undefined, expected: string | undefined): boolean {
  if (presented === undefined || expected === undefined) return false;
  const a = Buffer.from(presented);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}
