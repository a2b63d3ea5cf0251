import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { HookflowError, NodeError, TriggerError, type TriggerPlugin } from '../src';
import { answerForError } from '../src/pipeline';
import { runTrigger } from '../src/testing';

const sdkRoot = path.resolve(__dirname, '..');

describe('@hookflow/sdk loads nothing of Temporal, mongoose or Express', () => {
  it('requires the root and the kit without any of their modules', () => {
    const script = `
      require('@hookflow/sdk');
      require('@hookflow/sdk/testing');
      console.log(JSON.stringify(Object.keys(require.cache)));`;
    const loaded = JSON.parse(execFileSync(process.execPath, ['-e', script], { cwd: sdkRoot }).toString()) as string[];
    expect(loaded.some((file) => file.includes(`${path.sep}packages${path.sep}sdk${path.sep}dist`))).toBe(true);
    expect(loaded.filter((file) => /[\\/](@temporalio|mongoose|mongodb|express|pino)[\\/]/.test(file))).toEqual([]);
  });
});

describe('a plugin built against a second copy of the SDK', () => {
  // A plugin package that bundles its own @hookflow/sdk: a separate copy with its own classes.
  const pluginDir = mkdtempSync(path.join(tmpdir(), 'hookflow-second-sdk-'));
  afterAll(() => rmSync(pluginDir, { recursive: true, force: true }));
  const copy = path.join(pluginDir, 'node_modules', '@hookflow', 'sdk');
  cpSync(path.join(sdkRoot, 'dist'), path.join(copy, 'dist'), { recursive: true });
  cpSync(path.join(sdkRoot, 'package.json'), path.join(copy, 'package.json'));
  writeFileSync(
    path.join(pluginDir, 'index.js'),
    `const { defineTrigger, apiKeyInHeader, TriggerError, NodeError } = require('@hookflow/sdk');
     module.exports = {
       NodeError,
       TriggerError,
       plugin: defineTrigger({
         type: 'second-copy', displayName: 'x', description: 'x', configSchema: { type: 'object' },
         accepts: 'json', auth: apiKeyInHeader(),
         async parse() { throw new TriggerError(422, 'order_unknown', 'No such order'); },
       }),
     };`,
  );
  const second = createRequire(path.join(pluginDir, 'index.js'))('./index.js') as {
    plugin: TriggerPlugin;
    TriggerError: typeof TriggerError;
    NodeError: typeof NodeError;
  };

  it('really has classes of its own', () => {
    expect(second.TriggerError).not.toBe(TriggerError);
    expect(Object.getPrototypeOf(new second.TriggerError(400, 'x', 'x'))).not.toBe(TriggerError.prototype);
  });

  it('gets its 4xx TriggerError answered as such by the pipeline, not as a 500', async () => {
    const answer = await runTrigger(second.plugin, { headers: { 'x-api-key': 'k' }, body: { id: 1 } }, { apiKey: 'k' });
    expect(answer).toMatchObject({ status: 422, errorCode: 'order_unknown', outcome: 'rejected' });
  });

  it('has its non-retryable NodeError recognised (what the worker checks before failing without retry)', () => {
    const thrown: unknown = new second.NodeError('not_found', 'gone', { retryable: false });
    expect(thrown).toBeInstanceOf(NodeError);
    expect(thrown).toBeInstanceOf(HookflowError);
    expect(thrown instanceof NodeError && thrown.retryable).toBe(false);
    expect(answerForError(new second.TriggerError(409, 'conflict', 'c'))).toMatchObject({ status: 409 });
  });

  it('does not mistake an unrelated error for one of ours', () => {
    expect(new Error('x')).not.toBeInstanceOf(HookflowError);
    expect({ code: 'x', status: 400 }).not.toBeInstanceOf(TriggerError);
    expect(new second.TriggerError(400, 'x', 'x')).not.toBeInstanceOf(NodeError);
  });
});
