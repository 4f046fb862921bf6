import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 120_000,
    pool: 'forks',
    // Each file gets its own embedded database (or a fresh server database); two at a time fits 2 cores.
    maxWorkers: 2,
  },
});
