import { spawn } from 'node:child_process';
import path from 'node:path';
import { expect, it } from 'vitest';

/**
 * The short form of `npm run chaos` (one pass of each fault) on a stack of its own: it must report no
 * violation. Run as the operator runs it, a separate process, so a crash of the harness fails the test too.
 * Faults excluded from CI are named in CI_SKIPPED_FAULTS, each with the reason, and run by the full form.
 */
const CI_SKIPPED_FAULTS: { id: string; why: string }[] = [];

it('passes the short chaos run (every fault once) with no violation', async () => {
  const args = [path.resolve(__dirname, '../dist/main.js'), '--short'];
  for (const fault of CI_SKIPPED_FAULTS) console.warn(`chaos: fault ${fault.id} skipped in CI: ${fault.why}`);
  if (CI_SKIPPED_FAULTS.length > 0) args.push(`--skip=${CI_SKIPPED_FAULTS.map((fault) => fault.id).join(',')}`);
  const { code, output } = await new Promise<{ code: number | null; output: string }>((resolve) => {
    const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let text = '';
    child.stdout.on('data', (chunk: Buffer) => (text += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (text += chunk.toString()));
    child.on('close', (exitCode) => resolve({ code: exitCode, output: text }));
  });
  // The table belongs in the test log whether it passed or not: it is the measurement.
  console.info(output);
  expect(output).toContain('fault');
  expect(code, output).toBe(0);
});
