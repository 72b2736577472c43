import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    name: 'price-service',
    include: ['test/**/*.test.ts'],
  },
});
