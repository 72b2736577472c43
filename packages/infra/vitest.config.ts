import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    name: 'infra',
    include: ['test/**/*.test.ts'],
    // A CDK synthesis takes seconds on a busy 2-core machine, and the cfn-lint gate runs cfn-lint per step.
    testTimeout: 120_000,
    hookTimeout: 120_000,
  },
});
