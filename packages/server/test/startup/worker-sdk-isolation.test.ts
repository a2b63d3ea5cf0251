import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const serverRoot = path.resolve(__dirname, '..', '..');

/**
 * A server starts and reads runs through Temporal's client; the worker SDK (its native core bridge, the
 * workflow bundler) is the worker process's. Loaded by the server it cost about 18 MB of resident memory.
 */
describe('the server process', () => {
  it("loads nothing of Temporal's worker SDK", () => {
    // Everything main.ts imports, without running it (it would start listening).
    const script = `
      for (const module of ['app', 'server-context', 'metrics/serve-metrics', 'startup/duplicate-window-guard', 'webhooks', 'tracing-register']) {
        require('./dist/' + module);
      }
      console.log(JSON.stringify(Object.keys(require.cache)));`;
    const loaded = JSON.parse(
      execFileSync(process.execPath, ['-e', script], { cwd: serverRoot }).toString(),
    ) as string[];
    expect(loaded.some((file) => file.includes(`${path.sep}@temporalio${path.sep}client${path.sep}`))).toBe(true);
    expect(loaded.filter((file) => /[\\/]@temporalio[\\/](worker|core-bridge)[\\/]/.test(file))).toEqual([]);
  });
});
