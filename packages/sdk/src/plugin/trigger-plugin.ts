import type { JsonSchema } from './json-schema';
import type { PluginLogger } from './logger';
import type { OutboundHttpClient } from './outbound-http';

/** A webhook request as the pipeline hands it to a trigger plugin, after the size limit and media type. */
export interface TriggerRequest {
  method: string;
  /** Lower-case header names, as Node gives them. */
  headers: Readonly<Record<string, string | string[] | undefined>>;
  query: Readonly<Record<string, string | string[] | undefined>>;
  /** The body exactly as received: signatures are computed over these bytes. */
  rawBody: Buffer;
  /**
   * For plugins that accept `json`: the body, already checked and parsed once by the pipeline (any JSON
   * value). Undefined for plugins that accept `any`, which parse `rawBody` themselves.
   */
  json?: unknown;
  sourceIp: string;
  receivedAt: Date;
}

/** Per-workflow key/value store a plugin may use (e.g. recorded subscriptions). Values are JSON. */
export interface PluginStateStore {
  get<T = unknown>(key: string): Promise<T | undefined>;
  set(key: string, value: unknown): Promise<void>;
  delete(key: string): Promise<void>;
  /** Entries whose key starts with `prefix`, oldest first. */
  list<T = unknown>(prefix?: string): Promise<{ key: string; value: T }[]>;
}

/** Server-wide settings trigger plugins read (from `HOOKFLOW_PUBLIC_URL`, `HOOKFLOW_SNS_*`). */
export interface TriggerSettings {
  publicUrl: string;
  snsMaxAgeSeconds: number;
  snsTrustedOrigins: readonly string[];
}

export interface TriggerContext<Config = Record<string, unknown>> {
  workflow: { id: string; name: string; version: number };
  /** This workflow's `trigger.config`, already validated against `configSchema`. */
  config: Config;
  logger: PluginLogger;
  now(): Date;
  http: OutboundHttpClient;
  state: PluginStateStore;
  settings: TriggerSettings;
}

/** What the host offers an auth strategy: it owns key lookup, hashing, caching and revocation. */
export interface AuthContext<Config = Record<string, unknown>> {
  config: Config;
  /**
   * True when `presented` is a live (not revoked) API key and the very key bound to this workflow.
   * The comparison is constant-time; the plugin never sees hashes or other keys.
   */
  verifyApiKey(presented: string | undefined): Promise<boolean>;
}

export type AuthOutcome =
  | { ok: true }
  | { ok: false; code: 'unauthorized'; reason: string }
  | { ok: false; code: 'signature_invalid'; reason: string };

/** How a request proves it may trigger this workflow. Reusable strategies: `apiKeyInHeader`, `hmacSignature`, ... */
export interface AuthStrategy<Config = Record<string, unknown>> {
  /** Short name for the delivery log and docs, e.g. `api-key-header`. */
  name: string;
  /**
   * `false` when the strategy never reads `request.rawBody` (a key in a header or the query): the pipeline then
   * runs it before the body is read, so a request without valid credentials is refused without buffering its
   * body. Default `true` (safe for any strategy); reading `rawBody` after declaring `false` is a plugin bug.
   */
  readsBody?: boolean;
  /**
   * For a strategy that reads the body: a part of it that does not (`allOf`'s leading key checks), run before
   * the body is read so that a wrong key is refused unread. The whole strategy still runs after the body.
   */
  beforeBody?: AuthStrategy<Config>;
  authenticate(request: TriggerRequest, ctx: AuthContext<Config>): Promise<AuthOutcome>;
}

export type ParseResult =
  /**
   * Run the workflow with `payload` as `$trigger`. Without a delivery key the server generates one.
   * `input` is what the workflow's `inputSchema` describes (default: `payload`): the generic trigger wraps the
   * body in `{body, headers, query, receivedAt}` but passes the body here, so a schema describes what senders POST.
   */
  | { kind: 'event'; payload: unknown; deliveryKey?: string; input?: unknown }
  /** A handshake (e.g. SNS SubscriptionConfirmation): answered by `confirm`, no execution. */
  | { kind: 'handshake'; handshake: unknown }
  /** Accepted and deliberately not run (e.g. an event type the workflow does not care about). */
  | { kind: 'ignore'; reason: string };

export interface HandshakeReply {
  status: number;
  /** JSON body; omitted answers `{"status":"handshake"}`. */
  body?: unknown;
  /** Plain-text body instead of JSON (challenge/echo schemes). */
  text?: string;
}

/**
 * A trigger type: a declarative object with an auth strategy, a payload parser and an optional
 * confirmation hook. Plugins never talk to Temporal; the server starts executions.
 */
export interface TriggerPlugin<Config = Record<string, unknown>> {
  kind: 'trigger';
  /** kebab-case, unique across loaded plugins, e.g. `generic-webhook`. */
  type: string;
  displayName: string;
  description: string;
  /** JSON Schema of the per-workflow `trigger.config`. Mark secret fields `writeOnly: true`. */
  configSchema: JsonSchema;
  /**
   * `json`: the pipeline refuses a Content-Type other than application/json with 415 and a malformed body
   * with 400, and hands the parsed body over as `request.json`.
   * `any`: the body is handed over whatever its Content-Type (SNS sends text/plain).
   */
  accepts: 'json' | 'any';
  /**
   * `true` when this trigger's senders count every 4xx answer as delivered and retry only on 5xx (Amazon SNS):
   * a request refused by a rate limit then answers 503 `unavailable` with `Retry-After` instead of 429
   * `rate_limited`, so a limit delays a delivery instead of dropping it. Default `false`.
   */
  sendersRetryOnlyOn5xx?: boolean;
  auth: AuthStrategy<Config>;
  parse(request: TriggerRequest, ctx: TriggerContext<Config>): Promise<ParseResult>;
  confirm?(handshake: unknown, request: TriggerRequest, ctx: TriggerContext<Config>): Promise<HandshakeReply>;
  /**
   * Shapes a manual run's payload (`POST /workflows/:id/runs`) like a delivery of this trigger, so `$trigger`
   * reads the same in both; `input` is what `inputSchema` checks, as in `ParseResult`. Without it the payload
   * is `$trigger` as given.
   */
  manualEvent?(payload: unknown, receivedAt: Date): { payload: unknown; input?: unknown };
  /** Extra fields shown on the workflow resource, read from the plugin's state (e.g. `subscriptions`). */
  describe?(ctx: Pick<TriggerContext<Config>, 'state' | 'config'>): Promise<Record<string, unknown>>;
}

/** Type helper for plugin authors: `export default defineTrigger({ ... })`. */
export function defineTrigger<Config>(plugin: Omit<TriggerPlugin<Config>, 'kind'>): TriggerPlugin<Config> {
  return { kind: 'trigger', ...plugin };
}
