import { defineConfig } from 'vitest/config';

// Each package owns its test settings (timeouts differ: CDK synth is slow, unit tests are not).
export default defineConfig({
  test: {
    projects: ['packages/*'],
  },
});
