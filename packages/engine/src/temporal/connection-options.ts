import { readFileSync } from 'node:fs';
import type { TLSConfig } from '@temporalio/client';
import type { TemporalTlsSettings } from '../config/config';
import { ConfigError } from '../errors/engine-errors';

export interface TemporalConnectionSettings {
  temporalAddress: string;
  temporalTls: TemporalTlsSettings;
  temporalApiKey: string | undefined;
}

/** What both `Connection` (client) and `NativeConnection` (worker) take to reach Temporal. */
export interface TemporalConnectionOptions {
  address: string;
  tls: TLSConfig | false;
  apiKey?: string;
}

/**
 * Turns the TLS / API-key settings into connection options, reading the certificate files now so that a
 * missing or unreadable file stops start-up with the name of its variable, not a TLS error later.
 */
export function temporalConnectionOptions(
  settings: TemporalConnectionSettings,
  readFile: (path: string) => Buffer = (path) => readFileSync(path),
): TemporalConnectionOptions {
  const options: TemporalConnectionOptions = { address: settings.temporalAddress, tls: false };
  if (settings.temporalApiKey !== undefined) options.apiKey = settings.temporalApiKey;
  const tls = settings.temporalTls;
  if (!tls.enabled) return options;

  const problems: { path: string; message: string }[] = [];
  const read = (variable: string, path: string | undefined): Buffer | undefined => {
    if (path === undefined) return undefined;
    try {
      return readFile(path);
    } catch (error) {
      problems.push({ path: variable, message: `cannot be read (${path}): ${codeOf(error)}` });
      return undefined;
    }
  };
  const config: TLSConfig = {};
  if (tls.serverName !== undefined) config.serverNameOverride = tls.serverName;
  const ca = read('TEMPORAL_TLS_SERVER_CA_CERT_PATH', tls.serverCaCertPath);
  if (ca) config.serverRootCACertificate = ca;
  const crt = read('TEMPORAL_TLS_CLIENT_CERT_PATH', tls.clientCertPath);
  const key = read('TEMPORAL_TLS_CLIENT_KEY_PATH', tls.clientKeyPath);
  if (crt && key) config.clientCertPair = { crt, key };
  if (problems.length > 0) throw new ConfigError(problems);
  options.tls = config;
  return options;
}

/** For log lines: how the connection is secured, never the key or file contents. */
export function describeTemporalSecurity(options: TemporalConnectionOptions): string {
  if (options.tls === false) return options.apiKey === undefined ? 'plaintext' : 'plaintext + API key';
  const parts = ['TLS'];
  if (options.tls.clientCertPair) parts.push('client certificate');
  if (options.apiKey !== undefined) parts.push('API key');
  return parts.join(' + ');
}

function codeOf(error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code;
  return typeof code === 'string' ? code : error instanceof Error ? error.message : String(error);
}
