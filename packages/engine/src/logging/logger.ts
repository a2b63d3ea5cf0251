import pino, { type Logger } from 'pino';
import type { LogLevel } from '../config/config';

export type { Logger };

/**
 * Paths redacted from every log line. Keys, tokens and signatures must never reach a log (SPEC §10), even
 * when a caller logs a whole request or config object by mistake.
 */
export const REDACTED_PATHS = [
  'req.headers.authorization',
  'req.headers["x-api-key"]',
  'req.headers.cookie',
  'req.query["x-api-key"]',
  'headers.authorization',
  'headers["x-api-key"]',
  'adminToken',
  'apiKey',
  'key',
  'token',
  'signature',
  '*.adminToken',
  '*.apiKey',
  '*.token',
  '*.signature',
];

export function createLogger(name: string, level: LogLevel = 'info'): Logger {
  return pino({ name, level, redact: { paths: REDACTED_PATHS, censor: '[redacted]' } });
}
