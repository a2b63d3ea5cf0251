import { TriggerError } from '../errors/trigger-error';
import type { JsonSchema } from '../plugin/json-schema';
import type { TriggerContext, TriggerPlugin, TriggerRequest } from '../plugin/trigger-plugin';
import { ignoredAnswer, type TriggerAnswer } from './answer';
import { authenticate, type ApiKeyCheck } from './authenticate';
import { handshakeAnswer } from './handshake-answer';
import { assertInputMatches } from './input-schema';
import { parseJsonBody } from './json-body';
import { assertIdentityEncoding, assertJsonContentType } from './media-type';
import { checkParseResult } from './parse-result';

/** A webhook request before its body is read: nothing of Express or of the HTTP server. */
export type PipelineRequest = Omit<TriggerRequest, 'rawBody' | 'json'>;

/** What the host (the server, or the test kit) provides the pipeline. */
export interface TriggerPipelineHost<Config> {
  /** `HOOKFLOW_WEBHOOK_MAX_BYTES`: larger bodies answer 413. */
  maxBodyBytes: number;
  /** Reads the body; may refuse early (413) without holding more than `maxBytes`. */
  readBody(maxBytes: number): Promise<Buffer>;
  /** Is `presented` a live key, and the one bound to this workflow? */
  verifyApiKey(presented: string | undefined): Promise<ApiKeyCheck>;
  /** A key matched (rate limits count its requests, even if a later check fails). */
  onKeyMatched?(keyId: string): void;
  /** Auth passed; may refuse (429). */
  afterAuth?(authenticated: { apiKeyId?: string }): void;
  /** The workflow's `inputSchema` (422 when the event's input does not match). */
  inputSchema: JsonSchema | undefined;
  context: TriggerContext<Config>;
}

/** How a request that passed every check ends: an event to start an execution with, or an answer. */
export type PipelineResult =
  { kind: 'event'; payload: unknown; deliveryKey?: string } | { kind: 'answered'; answer: TriggerAnswer };

/**
 * The trigger pipeline, run by the server for every webhook and by the test kit, so a plugin that passes the
 * kit behaves the same behind the server. Steps, each of which may stop the request by throwing its
 * refusal (a `TriggerError`): body size (413) → media type (415) → plugin auth (401, 403) → the host's rate
 * limit (429) → JSON well-formed, parsed once (400) → plugin parse (400 bad delivery key or nesting) →
 * handshake answered by the plugin / ignored / event → inputSchema (422).
 */
export async function runTriggerPipeline<Config>(
  plugin: TriggerPlugin<Config>,
  incoming: PipelineRequest,
  host: TriggerPipelineHost<Config>,
  /** Filled as the request advances, for the delivery log of a request refused midway. */
  progress: { bytes?: number } = {},
): Promise<PipelineResult> {
  const rawBody = await host.readBody(host.maxBodyBytes);
  progress.bytes = rawBody.length;
  if (rawBody.length > host.maxBodyBytes) {
    throw new TriggerError(413, 'payload_too_large', `The request body is larger than ${host.maxBodyBytes} bytes`);
  }
  assertIdentityEncoding(incoming.headers);
  if (plugin.accepts === 'json') assertJsonContentType(incoming.headers);
  const request: TriggerRequest = { ...incoming, rawBody };

  const authenticated = await authenticate(
    plugin,
    request,
    host.context.config,
    (presented) => host.verifyApiKey(presented),
    (keyId) => host.onKeyMatched?.(keyId),
  );
  host.afterAuth?.(authenticated);
  if (plugin.accepts === 'json') request.json = parseJsonBody(rawBody);

  const parsed = checkParseResult(await plugin.parse(request, host.context));
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
