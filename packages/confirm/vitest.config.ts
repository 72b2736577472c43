import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    name: 'confirm',
    include: ['test/**/*.test.ts'],
    // Starts moto_server and deploys synthesized steps into it once per run (see the file).
    globalSetup: ['test/support/global-setup.ts'],
    testTimeout: 60_000,
    hookTimeout: 240_000,
  },
});
