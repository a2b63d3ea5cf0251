import { timingSafeEqual } from 'node:crypto';
import pino from 'pino';
import { createOutboundHttpClient } from '../plugins/outbound-http';
import type {
  AuthOutcome,
  HandshakeReply,
  OutboundHttpClient,
  ParseResult,
  PluginStateStore,
  TriggerContext,
  TriggerPlugin,
  TriggerRequest,
} from '../plugins/trigger-plugin';
import { createInMemoryStateStore } from './in-memory-state';

export interface TriggerTestRequest {
  method?: string;
  headers?: Record<string, string | string[]>;
  query?: Record<string, string | string[]>;
  body?: string | Buffer | object;
  sourceIp?: string;
}

export interface TriggerTestOptions<Config> {
  config?: Config;
  /** The key bound to the workflow; `verifyApiKey` accepts exactly this one. */
  apiKey?: string;
  now?: Date;
  http?: OutboundHttpClient;
  state?: PluginStateStore;
  settings?: Partial<TriggerContext['settings']>;
}

export interface TriggerTestResult {
  auth: AuthOutcome;
  /** Set when auth passed and parse returned. */
  parsed?: ParseResult;
  /** Set when parse returned a handshake and the plugin has a confirmation hook. */
  reply?: HandshakeReply;
}

/**
 * Runs a trigger plugin's auth strategy, payload parser and confirmation hook the way the server does,
 * without a server (docs/plugins.md). Errors thrown by `parse`/`confirm` (e.g. `TriggerError`) propagate.
 */
export async function runTrigger<Config>(
  plugin: TriggerPlugin<Config>,
  request: TriggerTestRequest,
  options: TriggerTestOptions<Config> = {},
): Promise<TriggerTestResult> {
  const config = (options.config ?? {}) as Config;
  const triggerRequest = toTriggerRequest(request, options.now ?? new Date());
  const auth = await plugin.auth.authenticate(triggerRequest, {
    config,
    verifyApiKey: (presented) => Promise.resolve(sameKey(presented, options.apiKey)),
  });
  if (!auth.ok) return { auth };
  const ctx = createTriggerContext(config, options);
  const parsed = await plugin.parse(triggerRequest, ctx);
  if (parsed.kind === 'handshake' && plugin.confirm) {
    return { auth, parsed, reply: await plugin.confirm(parsed.handshake, triggerRequest, ctx) };
  }
  return { auth, parsed };
}

export function createTriggerContext<Config>(
  config: Config,
  options: TriggerTestOptions<Config> = {},
): TriggerContext<Config> {
  const now = options.now;
  return {
    workflow: { id: 'wf_test', name: 'test', version: 1 },
    config,
    logger: pino({ level: 'silent' }),
    now: () => now ?? new Date(),
    http: options.http ?? createOutboundHttpClient(),
    state: options.state ?? createInMemoryStateStore(),
    settings: {
      publicUrl: 'http://localhost:3000',
      snsMaxAgeSeconds: 3600,
      snsTrustedOrigins: [],
      ...options.settings,
    },
  };
}

function toTriggerRequest(request: TriggerTestRequest, receivedAt: Date): TriggerRequest {
  const body = request.body;
  const rawBody = Buffer.isBuffer(body)
    ? body
    : typeof body === 'string'
      ? Buffer.from(body)
      : body === undefined
        ? Buffer.alloc(0)
        : Buffer.from(JSON.stringify(body));
  const headers: Record<string, string | string[]> = {};
  for (const [name, value] of Object.entries(request.headers ?? {})) headers[name.toLowerCase()] = value;
  return {
    method: request.method ?? 'POST',
    headers,
    query: request.query ?? {},
    rawBody,
    sourceIp: request.sourceIp ?? '127.0.0.1',
    receivedAt,
  };
}

function sameKey(presented: string | undefined, expected: string | undefined): boolean {
  if (presented === undefined || expected === undefined) return false;
  const a = Buffer.from(presented);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}
