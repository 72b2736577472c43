import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    name: 'fake-binance',
    include: ['test/**/*.test.ts'],
  },
});
