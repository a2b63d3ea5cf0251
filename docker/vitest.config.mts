import { defineConfig } from 'vitest/config';

// Not part of `npm test`: these need podman and a built image (docker/podman/ci prepares both).
export default defineConfig({
  test: {
    // The image test runs its containers against the usual private stack (Temporal + FerretDB, free ports).
    globalSetup: ['../packages/dev-stack/dist/testing/global-setup.js'],
    include: ['test/**/*.test.ts'],
    // One podman workload at a time: the machines these run on have two cores.
    fileParallelism: false,
    testTimeout: 120_000,
    hookTimeout: 180_000,
  },
});
