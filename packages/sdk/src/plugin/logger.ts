/** One log call: `logger.info({ topicArn }, 'confirmed')` or `logger.info('confirmed')`. */
export interface LogFn {
  (fields: object, message?: string): void;
  (message: string): void;
}

/**
 * The logger a plugin is handed (pino's interface, of which plugins need only this much). Never log
 * secrets: keys, tokens and signatures must not reach a log line.
 */
export interface PluginLogger {
  debug: LogFn;
  info: LogFn;
  warn: LogFn;
  error: LogFn;
}
