import { DefaultLogger, Runtime, type LogLevel } from '@temporalio/worker';
import type { Logger } from 'pino';

const LEVELS: Record<LogLevel, 'trace' | 'debug' | 'info' | 'warn' | 'error'> = {
  TRACE: 'trace',
  DEBUG: 'debug',
  INFO: 'info',
  WARN: 'warn',
  ERROR: 'error',
};

export interface TemporalRuntimeOptions {
  logger: Logger;
  logLevel?: LogLevel;
  /** Where the SDK serves its own Prometheus metrics (`host:port`); none when absent. */
  prometheusBindAddress?: string;
}

/**
 * Installs the worker's Temporal runtime once per process: the SDK's log lines go into our pino logger (one
 * format), and its metrics, when asked for, follow Prometheus naming (`_total` counters, `_seconds` durations).
 */
export function installTemporalRuntime(options: TemporalRuntimeOptions): void {
  const { logger } = options;
  Runtime.install({
    logger: new DefaultLogger(options.logLevel ?? 'INFO', (entry) => {
      logger[LEVELS[entry.level]]({ ...entry.meta, source: 'temporal-sdk' }, entry.message);
    }),
    ...(options.prometheusBindAddress !== undefined
      ? {
          telemetryOptions: {
            metrics: {
              prometheus: {
                bindAddress: options.prometheusBindAddress,
                countersTotalSuffix: true,
                unitSuffix: true,
                useSecondsForDurations: true,
              },
            },
          },
        }
      : {}),
  });
}
