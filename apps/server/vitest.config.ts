import { readFileSync } from 'node:fs';
import { defineConfig } from 'vitest/config';
import { BaseSequencer, type TestSpecification } from 'vitest/node';

/** Files that start processes of their own (servers, a command line): the longest by far. */
const startsProcesses = (spec: TestSpecification) =>
  /\b(startServerProcess|draftServers|spawnSync)\(/.test(readFileSync(spec.moduleId, 'utf8'));

/**
 * Vitest's order (longest first by the last run's times, else largest file first), but the files
 * that start processes always first: run last, one of them kept a worker busy alone at the end.
 */
class ProcessesFirst extends BaseSequencer {
  override async sort(files: TestSpecification[]) {
    const sorted = await super.sort(files);
    return [...sorted.filter(startsProcesses), ...sorted.filter((spec) => !startsProcesses(spec))];
  }
}

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
    sequence: { sequencer: ProcessesFirst },
  },
});
