import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DOCS_DIR, docsPages } from '../src/docs-location';
import { matchesExpectedOutput } from '../src/examples/expected-output';
import { pageEnvironment, type PageEnvironment } from '../src/examples/page-environment';
import { ShellSession, type ShellResult } from '../src/examples/shell-session';
import { runnableExamples, type RunnableExample } from '../src/markdown/runnable-examples';
import { startTestHookflowProcesses, type HookflowProcesses } from '../src/stack/hookflow-processes';

const BLOCK_TIMEOUT_MS = 60_000;
const EVENTUALLY_MS = 60_000;

const pages = docsPages()
  .map((page) => [page, runnableExamples(readFileSync(path.join(DOCS_DIR, page), 'utf8'))] as const)
  .filter(([, examples]) => examples.length > 0);

it('the docs hold runnable examples, and the tools they use are installed', () => {
  expect(pages.map(([page]) => page)).toContain('getting-started.md');
  for (const tool of ['bash', 'curl', 'jq']) {
    expect(() => execFileSync('bash', ['-c', `command -v ${tool}`]), `${tool} is not installed`).not.toThrow();
  }
});

// Each page gets its own server, worker and database, as a reader following it on a fresh `npm run dev`.
describe.each(pages)('docs/%s', (page, examples) => {
  let processes: HookflowProcesses;
  let environment: PageEnvironment;
  let session: ShellSession;
  let failed: string | undefined;

  beforeAll(async () => {
    processes = await startTestHookflowProcesses('docs');
    environment = await pageEnvironment(processes);
    session = new ShellSession(environment.cwd, environment.env);
  }, 90_000);

  afterAll(async () => {
    await processes?.stop();
    if (environment) await rm(environment.cwd, { recursive: true, force: true });
  });

  it.for(examples)(
    `${page}:$line`,
    { timeout: BLOCK_TIMEOUT_MS + EVENTUALLY_MS + 10_000 },
    async (example, context) => {
      // A reader stops at the first command that fails; what follows it depends on it.
      if (failed) context.skip(`an earlier block failed (${failed})`);
      try {
        await runExample(example);
      } catch (error) {
        failed = `${page}:${example.line}`;
        throw error;
      }
    },
  );

  async function runExample(example: RunnableExample): Promise<void> {
    const deadline = Date.now() + (example.eventually ? EVENTUALLY_MS : 0);
    for (;;) {
      const result = await session.run(example.script, BLOCK_TIMEOUT_MS);
      if (result.exitCode !== 0) throw new Error(describeFailure(example, result, await session.state()));
      if (example.expectedOutput === undefined || matchesExpectedOutput(result.stdout, example.expectedOutput)) return;
      if (Date.now() >= deadline) {
        expect(result.stdout.trim(), `docs/${page}:${example.line} printed something else`).toBe(
          example.expectedOutput.trim(),
        );
      }
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
  }

  function describeFailure(example: RunnableExample, result: ShellResult, state: string): string {
    return [
      `docs/${page}:${example.line} ${result.timedOut ? `timed out after ${BLOCK_TIMEOUT_MS} ms` : `exited ${result.exitCode}`}`,
      `--- block\n${example.script}`,
      `--- stdout\n${result.stdout}`,
      `--- stderr\n${result.stderr}`,
      `--- variables before the block\n${state}`,
      `--- server and worker\n${processes.recentOutput()}`,
    ].join('\n');
  }
});
