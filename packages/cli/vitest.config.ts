import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    name: 'cli',
    include: ['test/**/*.test.ts'],
    // Synthesizes the step-7 assemblies the command tests share, once per run (see the file).
    globalSetup: ['test/global-setup.ts'],
    // Synthesis and the plan over every step take tens of seconds on a busy 2-core machine.
    testTimeout: 60_000,
    hookTimeout: 240_000,
  },
});
