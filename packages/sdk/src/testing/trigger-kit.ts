import { randomUUID, timingSafeEqual } from 'node:crypto';
import { createOutboundHttpClient } from '../outbound-http/outbound-http-client';
import type { JsonSchema } from '../plugin/json-schema';
import type { PluginLogger } from '../plugin/logger';
import type { OutboundHttpClient } from '../plugin/outbound-http';
import type { PluginStateStore, TriggerContext, TriggerPlugin, TriggerSettings } from '../plugin/trigger-plugin';
import { answerForError, executionAnswer, type TriggerAnswer } from '../pipeline/answer';
import type { PipelineRateLimits } from '../pipeline/rate-limits';
import { createTriggerContext } from '../pipeline/trigger-context';
import { runTriggerPipeline, type PipelineProgress } from '../pipeline/trigger-pipeline';
import { createInMemoryStateStore } from './in-memory-state';
import { silentLogger } from './silent-logger';

/** The server's default `HOOKFLOW_WEBHOOK_MAX_BYTES`. */
const DEFAULT_MAX_BODY_BYTES = 1024 * 1024;

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
  /**
   * Answer as the server does when the key's rate limit is exhausted: 429 `rate_limited`, or 503 for a plugin
   * that declares `sendersRetryOnlyOn5xx`. The limit is consulted only after auth and `parse` passed.
   */
  rateLimited?: boolean;
}

/** The answer the server would send, and what it would run. */
export interface TriggerTestResult extends TriggerAnswer {
  /** When accepted (not a duplicate): what the server would start an execution with (`$trigger`, delivery key). */
  event?: { payload: unknown; deliveryKey: string };
  /** The error that stopped the request, if one did (a 500 answer means a bug in the plugin: look here). */
  error?: unknown;
}

/**
 * Sends one request through a trigger plugin exactly as the server would — the same pipeline code: size
 * limit, media type, auth, JSON parse, the plugin's parser and confirmation hook, the workflow's
 * `inputSchema` — and resolves the answer the server would send. An accepted event answers 202 with the
 * execution id the server would use (200 `duplicate` for a key in `startedDeliveryKeys`); nothing is started.
 */
export async function runTrigger<Config>(
  plugin: TriggerPlugin<Config>,
  request: TriggerTestRequest,
  options: TriggerTestOptions<Config> = {},
): Promise<TriggerTestResult> {
  const receivedAt = options.now ?? new Date();
  const workflow = options.workflow ?? { id: 'wf_test', name: 'test', version: 1 };
  const rawBody = bodyBytes(request.body);
  const progress: PipelineProgress = {};
  try {
    const result = await runTriggerPipeline(
      plugin,
      {
        method: request.method ?? 'POST',
        headers: lowerCaseHeaders(request),
        query: request.query ?? {},
        sourceIp: request.sourceIp ?? '127.0.0.1',
        receivedAt,
      },
      {
        maxBodyBytes: options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES,
        readBody: () => Promise.resolve(rawBody),
        verifyApiKey: (presented) =>
          Promise.resolve(
            sameKey(presented, options.apiKey)
              ? { ok: true, keyId: 'test-key' }
              : { ok: false, reason: presented === undefined ? 'no API key presented' : 'unknown or revoked API key' },
          ),
        ...(options.rateLimited === true ? { rateLimits: exhaustedRateLimits } : {}),
        inputSchema: options.inputSchema,
        context: createTestTriggerContext({ ...options, workflow, now: receivedAt }),
      },
      progress,
    );
    if (result.kind === 'answered') return result.answer;
    const deliveryKey = result.deliveryKey ?? randomUUID();
    const executionId = `${workflow.id}:${deliveryKey}`;
    if (options.startedDeliveryKeys?.has(deliveryKey)) {
      return executionAnswer({ executionId, status: 'duplicate' }, deliveryKey);
    }
    options.startedDeliveryKeys?.add(deliveryKey);
    return {
      ...executionAnswer({ executionId, status: 'accepted' }, deliveryKey),
      event: { payload: result.payload, deliveryKey },
    };
  } catch (error) {
    const { unexpected: _unexpected, ...answer } = answerForError(error);
    // As the server: a refusal after parse names the delivery key a sender should retry with.
    return { ...answer, ...(progress.deliveryKey !== undefined ? { deliveryKey: progress.deliveryKey } : {}), error };
  }
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

/** A bucket that is always empty; no failed-auth limit. */
const exhaustedRateLimits: PipelineRateLimits = {
  sourceMayAuthenticate: () => ({ ok: true }),
  authFailed: () => undefined,
  take: () => ({ ok: false, retryAfterSeconds: 1 }),
};

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
