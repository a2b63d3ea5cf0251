import pino, { type Logger } from 'pino';
import type PinoPretty from 'pino-pretty';
import type { LogFormat, LogLevel } from '../config/config';

export type { Logger };

/**
 * Paths redacted from every log line. Keys, tokens and signatures must never reach a log, even
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

/**
 * JSON lines by default (for log shippers). `pretty`: one readable line per entry, coloured when the output
 * is a terminal (or `FORCE_COLOR` is set, as `npm run dev` does for its children). Written synchronously in
 * this thread, so a crash never loses the last lines.
 */
export function createLogger(name: string, level: LogLevel = 'info', format: LogFormat = 'json'): Logger {
  const options = { name, level, redact: { paths: REDACTED_PATHS, censor: '[redacted]' } };
  if (format === 'json') return pino(options);
  // Loaded only for the pretty format: production logs JSON and need not carry it in memory.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const pretty = require('pino-pretty') as typeof PinoPretty;
  return pino(
    options,
    pretty({ sync: true, singleLine: true, translateTime: 'SYS:HH:MM:ss.l', ignore: 'pid,hostname' }),
  );
}
