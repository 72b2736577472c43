import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    name: 'price-service',
    include: ['test/**/*.test.ts'],
    // The spawned-process tests run dist/server.js, the image's command: build it fresh once per run.
    globalSetup: ['./test/support/build-dist.ts'],
    testTimeout: 15_000,
  },
});
