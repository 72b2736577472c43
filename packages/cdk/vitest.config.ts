import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    name: 'cdk',
    include: ['test/**/*.test.ts'],
    // Each test synthesizes a small CDK app; a busy 2-core machine needs the headroom.
    testTimeout: 60_000,
  },
});
