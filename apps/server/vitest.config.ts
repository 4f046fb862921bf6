import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Migrates once; every test file starts from a copy (test/helpers/global-setup.ts).
    globalSetup: ['test/helpers/global-setup.ts'],
    testTimeout: 30_000,
    hookTimeout: 120_000,
    pool: 'forks',
    // Files share a worker's loaded modules instead of each loading the whole server again (a
    // quarter of the run's time). Each file still builds its own app on its own database; no test
    // changes module state another reads (checked: no mocks of modules, no env writes).
    isolate: false,
    // Each file gets its own embedded database (or a fresh server database); two at a time fits 2 cores.
    maxWorkers: 2,
  },
});
