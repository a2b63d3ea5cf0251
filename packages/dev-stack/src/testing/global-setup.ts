import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { startStack } from '../stack';
import { TEST_ENV } from './test-env';

/**
 * Vitest global setup: one private stack on free ports for the whole run (no clash with `npm run dev`),
 * torn down at the end. `TEMPORAL_ADDRESS` / `MONGODB_URI` point the tests at existing services instead.
 */
export default async function setup(): Promise<() => Promise<void>> {
  const home = await mkdtemp(path.join(os.tmpdir(), 'hookflow-test-'));
  const started = Date.now();
  const stack = await startStack({ home, persistent: false, log: (line) => console.log(`[stack] ${line}`) });
  console.log(
    `[stack] ready in ${Date.now() - started} ms: Temporal ${stack.temporalAddress} (${stack.temporalKind}), ` +
      `database ${stack.mongodbUri} (${stack.databaseKind})`,
  );
  // Test workers are forked after the global setup and inherit these (see `testStack()`).
  process.env[TEST_ENV.temporalAddress] = stack.temporalAddress;
  process.env[TEST_ENV.mongodbUri] = stack.mongodbUri;
  process.env[TEST_ENV.home] = home;
  return async () => {
    await stack.stop();
    await rm(home, { recursive: true, force: true });
  };
}
