import { defineConfig } from 'vitest/config';

const packages = ['sdk', 'engine', 'server', 'triggers-generic', 'triggers-sns', 'dev-stack', 'docs-tools', 'cli'];

export default defineConfig({
  test: {
    // One real stack (Temporal + MongoDB-wire database) for every package's tests.
    globalSetup: ['./packages/dev-stack/dist/testing/global-setup.js'],
    projects: [
      ...packages.map((name) => ({
        test: {
          name,
          include: [`packages/${name}/test/**/*.test.ts`],
          setupFiles: ['./vitest.setup.ts'],
          testTimeout: 60_000,
          hookTimeout: 120_000,
          sequence: { groupOrder: 0 },
        },
      })),
      // The console in a real Chromium against the real stack (packages/console/test/support/browser.ts).
      {
        test: {
          name: 'console',
          include: ['packages/console/test/**/*.test.ts'],
          setupFiles: ['./vitest.setup.ts'],
          testTimeout: 180_000,
          hookTimeout: 120_000,
          sequence: { groupOrder: 0 },
        },
      },
      // The short form of `npm run chaos`: after every other project, alone, so that the machine's load does
      // not stand in for the faults it injects (2 servers, 2 workers, Temporal and the database of its own).
      {
        test: {
          name: 'chaos',
          include: ['packages/chaos/test/**/*.test.ts'],
          setupFiles: ['./vitest.setup.ts'],
          testTimeout: 360_000,
          sequence: { groupOrder: 1 },
        },
      },
    ],
  },
});
