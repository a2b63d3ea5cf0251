import Ajv, { type ErrorObject } from 'ajv';
import type { ErrorDetail } from '@hookflow/sdk';
import { ConfigError } from '../errors/engine-errors';
import { resolveSecretFiles, type Environment } from './secret-files';
import { parseTrustProxy, type TrustProxySetting } from './trust-proxy';

/** Validated settings of docs/configuration.md. Every process reads the part it needs. */
export interface HookflowConfig {
  port: number;
  publicUrl: string;
  adminToken: string | undefined;
  mongodbUri: string | undefined;
  temporalAddress: string;
  temporalNamespace: string;
  taskQueue: string;
  plugins: string[];
  webhookMaxBytes: number;
  /** Webhook requests per second allowed per API key on each server instance (token bucket); 0 disables. */
  webhookRateLimitPerSecond: number;
  /** Bucket size: how many requests one key may send at once before the per-second rate applies. */
  webhookRateLimitBurst: number;
  /** Failed webhook auth attempts (401/403) allowed per source address per minute, on each instance; 0 disables. */
  webhookAuthFailuresPerMinute: number;
  /** Failed admin auth attempts (401) allowed per source address per minute, on each instance; 0 disables. */
  adminAuthFailuresPerMinute: number;
  /** Webhook bodies being read or held at once, per instance; more answer 503 with `Retry-After`. */
  webhookMaxConcurrentBodies: number;
  /** Seconds a sender has to deliver a webhook body; slower ones answer 408 and their connection is closed. */
  webhookRequestTimeoutSeconds: number;
  temporalUiUrl: string;
  snsMaxAgeSeconds: number;
  snsTrustedOrigins: string[];
  logLevel: LogLevel;
  logFormat: LogFormat;
  /** Express `trust proxy` for the server (`HOOKFLOW_TRUST_PROXY`). */
  trustProxy: TrustProxySetting;
  metrics: MetricsSettings;
  temporalTls: TemporalTlsSettings;
  temporalApiKey: string | undefined;
}

export type LogFormat = 'json' | 'pretty';

/** Where `/metrics` is served; a port left unset turns that process's endpoint off. */
export interface MetricsSettings {
  host: string;
  serverPort: number | undefined;
  workerPort: number | undefined;
}

/**
 * TLS towards Temporal, as Temporal's own client environment variables define it: on when `TEMPORAL_TLS` is
 * true, or when it is unset and any TLS file, the server name or an API key is given.
 */
export interface TemporalTlsSettings {
  enabled: boolean;
  serverName?: string;
  clientCertPath?: string;
  clientKeyPath?: string;
  serverCaCertPath?: string;
}

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

export const DEFAULT_PLUGINS = ['@hookflow/triggers-generic', '@hookflow/triggers-sns', '@hookflow/engine/nodes'];

const httpUrl = { type: 'string', pattern: '^https?://[^\\s/?#]+(/[^\\s?#]*)?$' };
/**
 * Cap of `HOOKFLOW_WEBHOOK_MAX_BYTES`: a 1 MiB payload beside a graph of at most 512 KiB leaves room in
 * Temporal's 2 MB start (a start that still does not fit, e.g. JSON that grows when parsed, answers 413).
 */
export const MAX_WEBHOOK_BYTES = 1024 * 1024;

const origin = '^https?://[^\\s/?#:]+(:[0-9]{1,5})?$';

// Environment values are strings; AJV coerces numbers and reports each bad variable by name.
const envSchema = {
  type: 'object',
  properties: {
    HOOKFLOW_PORT: { type: 'integer', minimum: 1, maximum: 65535 },
    HOOKFLOW_PUBLIC_URL: httpUrl,
    HOOKFLOW_ADMIN_TOKEN: { type: 'string', minLength: 32, pattern: '^\\S+$' },
    MONGODB_URI: { type: 'string', pattern: '^mongodb(\\+srv)?://\\S+$' },
    TEMPORAL_ADDRESS: { type: 'string', pattern: '^[^\\s:/]+:[0-9]{1,5}$' },
    TEMPORAL_NAMESPACE: { type: 'string', pattern: '^[A-Za-z0-9._-]{1,255}$' },
    HOOKFLOW_TASK_QUEUE: { type: 'string', pattern: '^\\S{1,200}$' },
    HOOKFLOW_PLUGINS: { type: 'string', pattern: '^\\s*[^,\\s]+(\\s*,\\s*[^,\\s]+)*\\s*$' },
    HOOKFLOW_WEBHOOK_MAX_BYTES: { type: 'integer', minimum: 1, maximum: MAX_WEBHOOK_BYTES },
    HOOKFLOW_WEBHOOK_RATE_LIMIT: { type: 'integer', minimum: 0, maximum: 1000000 },
    HOOKFLOW_WEBHOOK_RATE_BURST: { type: 'integer', minimum: 1, maximum: 1000000 },
    HOOKFLOW_WEBHOOK_AUTH_FAILURES: { type: 'integer', minimum: 0, maximum: 1000000 },
    HOOKFLOW_ADMIN_AUTH_FAILURES: { type: 'integer', minimum: 0, maximum: 1000000 },
    HOOKFLOW_WEBHOOK_MAX_CONCURRENT_BODIES: { type: 'integer', minimum: 1, maximum: 100000 },
    HOOKFLOW_WEBHOOK_REQUEST_TIMEOUT_SECONDS: { type: 'integer', minimum: 1, maximum: 300 },
    HOOKFLOW_TEMPORAL_UI_URL: httpUrl,
    HOOKFLOW_SNS_MAX_AGE_SECONDS: { type: 'integer', minimum: 1, maximum: 604800 },
    HOOKFLOW_SNS_TRUSTED_ORIGINS: {
      type: 'string',
      pattern: `^\\s*${origin.slice(1, -1)}(\\s*,\\s*${origin.slice(1, -1)})*\\s*$`,
    },
    LOG_LEVEL: { type: 'string', enum: [...LOG_LEVELS] },
    LOG_FORMAT: { type: 'string', enum: ['json', 'pretty'] },
    HOOKFLOW_TRUST_PROXY: { type: 'string' },
    HOOKFLOW_METRICS_HOST: { type: 'string', pattern: '^[^\\s/]+$' },
    HOOKFLOW_METRICS_PORT: { type: 'integer', minimum: 1, maximum: 65535 },
    HOOKFLOW_WORKER_METRICS_PORT: { type: 'integer', minimum: 1, maximum: 65535 },
    TEMPORAL_API_KEY: { type: 'string', pattern: '^\\S+$' },
    TEMPORAL_TLS: { type: 'string', enum: ['true', 'false', '1', '0'] },
    TEMPORAL_TLS_CLIENT_CERT_PATH: { type: 'string' },
    TEMPORAL_TLS_CLIENT_KEY_PATH: { type: 'string' },
    TEMPORAL_TLS_SERVER_CA_CERT_PATH: { type: 'string' },
    TEMPORAL_TLS_SERVER_NAME: { type: 'string', pattern: '^[^\\s/]+$' },
  },
} as const;

const validateEnv = new Ajv({ coerceTypes: true, allErrors: true }).compile(envSchema);

/** Names the variables a process cannot run without, on top of the validation of those that are set. */
export type RequiredSetting = 'HOOKFLOW_ADMIN_TOKEN' | 'MONGODB_URI';

export function loadConfig(env: Environment = process.env, required: RequiredSetting[] = []): HookflowConfig {
  const secrets = resolveSecretFiles(env);
  // Empty strings count as unset, the way shells and compose files usually mean them.
  const values: Record<string, unknown> = {};
  for (const key of Object.keys(envSchema.properties)) {
    const value = secrets.env[key];
    if (value !== undefined && value.trim() !== '') values[key] = value.trim();
  }

  const problems = [...secrets.problems];
  if (!validateEnv(values)) problems.push(...(validateEnv.errors ?? []).map(describe));
  for (const key of required) {
    if (values[key] === undefined && !problems.some((p) => p.path === key)) {
      problems.push({ path: key, message: `is required (or ${key}_FILE)` });
    }
  }
  const trustProxy = parseTrustProxy((values.HOOKFLOW_TRUST_PROXY as string | undefined) ?? 'loopback');
  if (trustProxy === undefined) {
    problems.push({
      path: 'HOOKFLOW_TRUST_PROXY',
      message: 'must be a hop count or a comma-separated list of addresses, CIDRs, loopback, linklocal, uniquelocal',
    });
  }
  const temporalTls = temporalTlsSettings(values, problems);
  if (problems.length > 0 || trustProxy === undefined) throw new ConfigError(problems);

  const port = (values.HOOKFLOW_PORT as number | undefined) ?? 3000;
  const webhookRateLimitPerSecond = (values.HOOKFLOW_WEBHOOK_RATE_LIMIT as number | undefined) ?? 50;
  return {
    port,
    publicUrl: stripTrailingSlash((values.HOOKFLOW_PUBLIC_URL as string | undefined) ?? `http://localhost:${port}`),
    adminToken: values.HOOKFLOW_ADMIN_TOKEN as string | undefined,
    mongodbUri: values.MONGODB_URI as string | undefined,
    temporalAddress: (values.TEMPORAL_ADDRESS as string | undefined) ?? '127.0.0.1:7233',
    temporalNamespace: (values.TEMPORAL_NAMESPACE as string | undefined) ?? 'default',
    taskQueue: (values.HOOKFLOW_TASK_QUEUE as string | undefined) ?? 'hookflow',
    plugins: splitList(values.HOOKFLOW_PLUGINS as string | undefined) ?? DEFAULT_PLUGINS,
    webhookMaxBytes: (values.HOOKFLOW_WEBHOOK_MAX_BYTES as number | undefined) ?? 1024 * 1024,
    webhookRateLimitPerSecond,
    // Twice the rate by default: a sender may catch up after a short pause without being refused.
    webhookRateLimitBurst:
      (values.HOOKFLOW_WEBHOOK_RATE_BURST as number | undefined) ?? Math.max(1, webhookRateLimitPerSecond * 2),
    webhookAuthFailuresPerMinute: (values.HOOKFLOW_WEBHOOK_AUTH_FAILURES as number | undefined) ?? 60,
    adminAuthFailuresPerMinute: (values.HOOKFLOW_ADMIN_AUTH_FAILURES as number | undefined) ?? 20,
    webhookMaxConcurrentBodies: (values.HOOKFLOW_WEBHOOK_MAX_CONCURRENT_BODIES as number | undefined) ?? 128,
    webhookRequestTimeoutSeconds: (values.HOOKFLOW_WEBHOOK_REQUEST_TIMEOUT_SECONDS as number | undefined) ?? 10,
    temporalUiUrl: stripTrailingSlash(
      (values.HOOKFLOW_TEMPORAL_UI_URL as string | undefined) ?? 'http://localhost:8233',
    ),
    snsMaxAgeSeconds: (values.HOOKFLOW_SNS_MAX_AGE_SECONDS as number | undefined) ?? 3600,
    snsTrustedOrigins: splitList(values.HOOKFLOW_SNS_TRUSTED_ORIGINS as string | undefined) ?? [],
    logLevel: (values.LOG_LEVEL as LogLevel | undefined) ?? 'info',
    logFormat: (values.LOG_FORMAT as LogFormat | undefined) ?? 'json',
    trustProxy,
    metrics: {
      // Loopback unless told otherwise: metrics are for a scraper on the same host or network namespace.
      host: (values.HOOKFLOW_METRICS_HOST as string | undefined) ?? '127.0.0.1',
      serverPort: values.HOOKFLOW_METRICS_PORT as number | undefined,
      workerPort: values.HOOKFLOW_WORKER_METRICS_PORT as number | undefined,
    },
    temporalTls,
    temporalApiKey: values.TEMPORAL_API_KEY as string | undefined,
  };
}

function temporalTlsSettings(values: Record<string, unknown>, problems: ErrorDetail[]): TemporalTlsSettings {
  const settings: TemporalTlsSettings = { enabled: false };
  const serverName = values.TEMPORAL_TLS_SERVER_NAME as string | undefined;
  const clientCertPath = values.TEMPORAL_TLS_CLIENT_CERT_PATH as string | undefined;
  const clientKeyPath = values.TEMPORAL_TLS_CLIENT_KEY_PATH as string | undefined;
  const serverCaCertPath = values.TEMPORAL_TLS_SERVER_CA_CERT_PATH as string | undefined;
  if (serverName !== undefined) settings.serverName = serverName;
  if (clientCertPath !== undefined) settings.clientCertPath = clientCertPath;
  if (clientKeyPath !== undefined) settings.clientKeyPath = clientKeyPath;
  if (serverCaCertPath !== undefined) settings.serverCaCertPath = serverCaCertPath;
  if ((clientCertPath === undefined) !== (clientKeyPath === undefined)) {
    const missing = clientCertPath === undefined ? 'TEMPORAL_TLS_CLIENT_CERT_PATH' : 'TEMPORAL_TLS_CLIENT_KEY_PATH';
    const other = clientCertPath === undefined ? 'TEMPORAL_TLS_CLIENT_KEY_PATH' : 'TEMPORAL_TLS_CLIENT_CERT_PATH';
    problems.push({ path: missing, message: `is required when ${other} is set (a client certificate needs its key)` });
  }
  const explicit = values.TEMPORAL_TLS as string | undefined;
  // As Temporal's clients do: any TLS setting, or an API key (which must not travel in clear), turns TLS on.
  const implied = [serverName, clientCertPath, serverCaCertPath, values.TEMPORAL_API_KEY].some((v) => v !== undefined);
  settings.enabled = explicit === undefined ? implied : explicit === 'true' || explicit === '1';
  return settings;
}

function describe(error: ErrorObject): { path: string; message: string } {
  const path = error.instancePath.replace(/^\//, '');
  // Never echo the value itself: some of these variables hold secrets.
  if (error.keyword === 'pattern') return { path, message: 'has an invalid format' };
  return { path, message: error.message ?? 'is invalid' };
}

function splitList(value: string | undefined): string[] | undefined {
  if (value === undefined) return undefined;
  return value
    .split(',')
    .map((item) => item.trim())
    .filter((item) => item.length > 0);
}

function stripTrailingSlash(url: string): string {
  return url.replace(/\/+$/, '');
}
