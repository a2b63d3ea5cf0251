import type { PluginLogger } from '../plugin/logger';

const ignore = (): void => undefined;

/** A logger that drops everything, for tests that do not look at log lines. */
export function silentLogger(): PluginLogger {
  return { debug: ignore, info: ignore, warn: ignore, error: ignore };
}
