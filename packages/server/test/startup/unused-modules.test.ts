import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const serverRoot = path.resolve(__dirname, '..', '..');

/**
 * A server starts and reads runs through Temporal's client; the worker SDK (its native core bridge, the
 * workflow bundler) is the worker process's. Loaded by the server it cost about 18 MB of resident memory,
 * OpenTelemetry with tracing off and pino-pretty with JSON logs a few more.
 */
describe('the server process', () => {
  it("loads nothing it does not use: Temporal's worker SDK, OpenTelemetry with tracing off, pino-pretty", () => {
    // Everything main.ts imports, without running it (it would start listening).
    const script = `
      for (const module of ['app', 'server-context', 'metrics/serve-metrics', 'startup/duplicate-window-guard', 'webhooks', 'tracing-register']) {
        require('./dist/' + module);
      }
      console.log(JSON.stringify(Object.keys(require.cache)));`;
    const loaded = JSON.parse(
      // No OTEL_* variable: tracing off, as by default.
      execFileSync(process.execPath, ['-e', script], { cwd: serverRoot, env: { PATH: process.env.PATH } }).toString(),
    ) as string[];
    expect(loaded.some((file) => file.includes(`${path.sep}@temporalio${path.sep}client${path.sep}`))).toBe(true);
    const unused =
      /[\\/](@temporalio[\\/](worker|core-bridge|interceptors-opentelemetry)|@opentelemetry[\\/]sdk-[^\\/]+|pino-pretty)[\\/]/;
    expect(loaded.filter((file) => unused.test(file))).toEqual([]);
  });
});
