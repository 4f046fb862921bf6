import { readFileSync } from 'node:fs';
import { defineConfig } from 'vitest/config';
import { BaseSequencer, type TestSpecification } from 'vitest/node';

/** Files that start processes of their own (servers, a command line): the longest by far. */
const startsProcesses = (spec: TestSpecification) =>
  /\b(startServerProcess|draftServers|spawnSync)\(/.test(readFileSync(spec.moduleId, 'utf8'));

/**
 * Vitest's order (longest first by the last run's times, else largest file first), with the files
 * that start processes spread over its first half: run last, one of them kept a worker busy alone
 * at the end; run all at once, their processes crowd the two cores while they race deadlines.
 */
class ProcessesEarly extends BaseSequencer {
  override async sort(files: TestSpecification[]) {
    const sorted = await super.sort(files);
    const starting = sorted.filter(startsProcesses);
    const rest = sorted.filter((spec) => !startsProcesses(spec));
    const step = Math.max(1, Math.floor(rest.length / (2 * starting.length)));
    starting.forEach((spec, i) => rest.splice(i * (step + 1), 0, spec));
    return rest;
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
    // Each file gets its own embedded database (or a fresh server database). Three at a time on 2
    // cores: a file waiting (on a server process starting, a timeout, a retry's back-off) leaves
    // its core to the others.
    maxWorkers: 3,
    sequence: { sequencer: ProcessesEarly },
  },
});
