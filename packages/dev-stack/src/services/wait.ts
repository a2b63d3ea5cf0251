import type { ManagedProcess } from './managed-process';

/**
 * Polls `probe` until it resolves, failing fast if the process exits first. Short steps: readiness is
 * usually a matter of a few hundred milliseconds and every test run pays for it.
 */
export async function waitUntilReady(
  process: ManagedProcess,
  probe: () => Promise<void>,
  options: { timeoutMs: number; what: string; logHint: string },
): Promise<void> {
  const deadline = Date.now() + options.timeoutMs;
  let lastError: unknown;
  while (Date.now() < deadline) {
    if (process.hasExited()) {
      throw new Error(
        `${options.what} exited during start-up (exit ${String(await process.exited)}); see ${options.logHint}`,
      );
    }
    try {
      await probe();
      return;
    } catch (error) {
      lastError = error;
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  const reason = lastError instanceof Error ? lastError.message : String(lastError);
  throw new Error(`${options.what} not ready after ${options.timeoutMs} ms (${reason}); see ${options.logHint}`);
}
