import { randomUUID } from 'node:crypto';
import { TEST_ENV } from './test-env';

export interface TestStack {
  temporalAddress: string;
  temporalNamespace: string;
  /** Server address; give each test file its own database with `uniqueName`. */
  mongodbUri: string;
  /** A scratch directory of this test run, removed at the end. */
  home: string;
}

/** The stack started by the global setup, for tests of any package. */
export function testStack(): TestStack {
  return {
    temporalAddress: required(TEST_ENV.temporalAddress),
    temporalNamespace: 'default',
    mongodbUri: required(TEST_ENV.mongodbUri),
    home: required(TEST_ENV.home),
  };
}

/** Names that never collide between test files or runs: databases, task queues, workflow names. */
export function uniqueName(prefix: string): string {
  return `${prefix}-${randomUUID().slice(0, 8)}`;
}

function required(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set: run the tests through the root vitest config (npm test)`);
  return value;
}
export {
  npm,
  npmPack,
  packSdk,
  scaffoldPluginPackage,
  type CommandOutput,
  type ScaffoldedPlugin,
} from './plugin-package';
