import { DefaultLogger, Runtime, type LogLevel } from '@temporalio/worker';
import type { Logger } from 'pino';

const LEVELS: Record<LogLevel, 'trace' | 'debug' | 'info' | 'warn' | 'error'> = {
  TRACE: 'trace',
  DEBUG: 'debug',
  INFO: 'info',
  WARN: 'warn',
  ERROR: 'error',
};

/** Routes the Temporal SDK's own log lines into our pino logger, so a worker logs one JSON format. */
export function installTemporalRuntimeLogging(logger: Logger, level: LogLevel = 'INFO'): void {
  Runtime.install({
    logger: new DefaultLogger(level, (entry) => {
      logger[LEVELS[entry.level]]({ ...entry.meta, source: 'temporal-sdk' }, entry.message);
    }),
  });
}
