import { TriggerError } from '../errors/trigger-error';
import type { JsonSchema } from '../plugin/json-schema';
import type { AuthStrategy, TriggerContext, TriggerPlugin, TriggerRequest } from '../plugin/trigger-plugin';
import { ignoredAnswer, type TriggerAnswer } from './answer';
import { authenticate, type ApiKeyCheck } from './authenticate';
import { handshakeAnswer } from './handshake-answer';
import { assertInputMatches } from './input-schema';
import { parseJsonBody } from './json-body';
import { assertIdentityEncoding, assertJsonContentType } from './media-type';
import { checkParseResult } from './parse-result';
import { isAuthFailure, rateLimitRefusal, type PipelineRateLimits } from './rate-limits';

/** A webhook request before its body is read: nothing of Express or of the HTTP server. */
export type PipelineRequest = Omit<TriggerRequest, 'rawBody' | 'json'>;

/** What the host (the server, or the test kit) provides the pipeline. */
export interface TriggerPipelineHost<Config> {
  /** `HOOKFLOW_WEBHOOK_MAX_BYTES`: larger bodies answer 413. */
  maxBodyBytes: number;
  /** `HOOKFLOW_WEBHOOK_REQUEST_TIMEOUT_SECONDS`: a body not in by then answers 408. */
  requestTimeoutSeconds: number;
  /**
   * Reserves memory for one body until the request is answered (the host releases it then); false when
   * every slot is taken (`HOOKFLOW_WEBHOOK_MAX_CONCURRENT_BODIES`): 503 before a byte is read. Without it, no cap.
   */
  holdBodySlot?(): boolean;
  /**
   * Reads the body, holding no more than `maxBytes` of it; or says why it stopped: `too_large` (a declared or
   * actual size over `maxBytes`, 413) or `timed_out` (not complete within `timeoutMs`, 408). The pipeline
   * answers both; the host only detects them.
   */
  readBody(maxBytes: number, timeoutMs: number): Promise<Buffer | UnreadBody>;
  /** Is `presented` a live key, and the one bound to this workflow? */
  verifyApiKey(presented: string | undefined): Promise<ApiKeyCheck>;
  /** The host's rate limits (none in the test kit unless a test asks for a refusal). */
  rateLimits?: PipelineRateLimits;
  /** The workflow's `inputSchema` (422 when the event's input does not match). */
  inputSchema: JsonSchema | undefined;
  context: TriggerContext<Config>;
}

/** Why a host's body reader stopped before the end of the body. */
export type UnreadBody = 'too_large' | 'timed_out';

/** How a request that passed every check ends: an event to start an execution with, or an answer. */
export type PipelineResult =
  { kind: 'event'; payload: unknown; deliveryKey?: string } | { kind: 'answered'; answer: TriggerAnswer };

/** Filled as the request advances, for the delivery log (and the answer) of a request refused midway. */
export interface PipelineProgress {
  /** Bytes of the body, once read; unset when the request was refused before its body was read. */
  bytes?: number;
  /** The plugin's delivery key, once parsed: a 503 after it names the key a sender should retry with. */
  deliveryKey?: string;
}

/**
 * The trigger pipeline, run by the server for every webhook and by the test kit, so a plugin that passes the
 * kit behaves the same behind the server (`answerWebhook` runs it between the workflow lookup and the start).
 * Steps, each of which may stop the request by throwing its refusal (a `TriggerError`): the source's
 * failed-auth limit (429) → media type (415) → plugin auth, before the body when the strategy reads none
 * (401, 403) → a body slot (503), body size (413) and time (408) → plugin auth when it needs the body → JSON
 * well-formed, parsed once (400) → plugin parse (400; 403 for a forged message) → the per-key rate limit,
 * taken only now that the request is verified (429, or 503 for senders that retry only on 5xx) → handshake
 * answered by the plugin / ignored / event → inputSchema (422). A 401 or 403 counts against the source
 * address's failed-auth limit.
 */
export async function runTriggerPipeline<Config>(
  plugin: TriggerPlugin<Config>,
  incoming: PipelineRequest,
  host: TriggerPipelineHost<Config>,
  progress: PipelineProgress = {},
): Promise<PipelineResult> {
  const limits = host.rateLimits;
  const blocked = limits?.sourceMayAuthenticate();
  if (blocked && !blocked.ok) {
    throw rateLimitRefusal(plugin, blocked.retryAfterSeconds, 'too many failed auth attempts from this address');
  }
  try {
    return await verifiedRequest(plugin, incoming, host, progress);
  } catch (error) {
    if (isAuthFailure(error)) limits?.authFailed();
    throw error;
  }
}

async function verifiedRequest<Config>(
  plugin: TriggerPlugin<Config>,
  incoming: PipelineRequest,
  host: TriggerPipelineHost<Config>,
  progress: PipelineProgress,
): Promise<PipelineResult> {
  // Header checks first: a refused media type is answered without reading a byte of the body.
  assertIdentityEncoding(incoming.headers);
  if (plugin.accepts === 'json') assertJsonContentType(incoming.headers);
  const runAuth = (strategy: AuthStrategy<Config>, request: TriggerRequest) =>
    authenticate(strategy, request, host.context.config, (presented) => host.verifyApiKey(presented));

  // A key in a header or the query is checked before the body is read: a sender without it costs no buffer.
  // A strategy that also reads the body (a key and an HMAC) has its key part checked first, then runs whole.
  const authFirst = plugin.auth.readsBody === false;
  const early = authFirst ? plugin.auth : plugin.auth.beforeBody;
  const authenticated = early ? await runAuth(early, withoutBody(incoming, early.name)) : undefined;

  const rawBody = await readBody(host);
  progress.bytes = rawBody.length;
  const request: TriggerRequest = { ...incoming, rawBody };
  const identity = authFirst && authenticated ? authenticated : await runAuth(plugin.auth, request);
  if (plugin.accepts === 'json') request.json = parseJsonBody(rawBody);

  const parsed = checkParseResult(await plugin.parse(request, host.context));
  if (parsed.kind === 'event' && parsed.deliveryKey !== undefined) progress.deliveryKey = parsed.deliveryKey;

  // Only a verified request spends a token: forged or unsigned junk must not drain a real sender's bucket.
  const decision = host.rateLimits?.take(identity);
  if (decision && !decision.ok) {
    throw rateLimitRefusal(
      plugin,
      decision.retryAfterSeconds,
      identity.apiKeyId !== undefined ? 'API key over its rate limit' : 'workflow over its rate limit',
    );
  }

  if (parsed.kind === 'handshake') {
    const reply = plugin.confirm ? await plugin.confirm(parsed.handshake, request, host.context) : undefined;
    return { kind: 'answered', answer: handshakeAnswer(reply) };
  }
  if (parsed.kind === 'ignore') return { kind: 'answered', answer: ignoredAnswer(parsed.reason) };
  assertInputMatches(host.inputSchema, 'input' in parsed ? parsed.input : parsed.payload);
  return {
    kind: 'event',
    payload: parsed.payload,
    ...(parsed.deliveryKey !== undefined ? { deliveryKey: parsed.deliveryKey } : {}),
  };
}

/** The body within the host's bounds: a free body slot (503), the size limit (413) and the request timeout (408). */
async function readBody<Config>(host: TriggerPipelineHost<Config>): Promise<Buffer> {
  if (host.holdBodySlot && !host.holdBodySlot()) {
    throw new TriggerError(503, 'unavailable', 'Too many webhook bodies in flight; retry later', {
      reason: 'every body slot of this instance is taken (HOOKFLOW_WEBHOOK_MAX_CONCURRENT_BODIES)',
      retryAfterSeconds: 1,
    });
  }
  const body = await host.readBody(host.maxBodyBytes, host.requestTimeoutSeconds * 1000);
  if (body === 'too_large' || (typeof body !== 'string' && body.length > host.maxBodyBytes)) {
    throw new TriggerError(413, 'payload_too_large', `The request body is larger than ${host.maxBodyBytes} bytes`);
  }
  if (body === 'timed_out') {
    throw new TriggerError(
      408,
      'request_timeout',
      `The request body did not arrive within ${host.requestTimeoutSeconds} s`,
    );
  }
  return body;
}

/** The request as a strategy that declared `readsBody: false` sees it: touching the body is a plugin bug. */
function withoutBody(incoming: PipelineRequest, strategy: string): TriggerRequest {
  const request = { ...incoming } as TriggerRequest;
  Object.defineProperty(request, 'rawBody', {
    enumerable: false,
    get(): never {
      throw new Error(`auth strategy ${strategy} declared readsBody: false but read request.rawBody`);
    },
  });
  return request;
}
