import { defineConfig } from 'vitest/config';

// Records replay fixtures (see test/record/record-histories.ts); uses the same real stack as npm test.
export default defineConfig({
  test: {
    root: '../..',
    globalSetup: ['./packages/dev-stack/dist/testing/global-setup.js'],
    include: ['packages/engine/test/record/record-histories.ts'],
    testTimeout: 120_000,
    hookTimeout: 120_000,
  },
});
