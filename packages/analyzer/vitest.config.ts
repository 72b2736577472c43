import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    name: 'analyzer',
    include: ['test/**/*.test.ts'],
  },
});
