import { chmodSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { startServerProcess } from './helpers/server-process.ts';

const root = mkdtempSync(join(tmpdir(), 'ca-datadir-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

/** Every entry below `dir` with its permission bits. */
function modes(dir: string): Map<string, number> {
  const found = new Map<string, number>();
  const walk = (path: string) => {
    const stat = statSync(path);
    found.set(path, stat.mode & 0o777);
    if (stat.isDirectory()) for (const name of readdirSync(path)) walk(join(path, name));
  };
  walk(dir);
  return found;
}

/** Starts the real server on the embedded database, waits until it answers, then stops it. */
async function runServer(dataDir: string): Promise<string> {
  const server = await startServerProcess({ DATA_DIR: dataDir });
  await server.kill('SIGTERM');
  return server.output();
}

describe('the data folder', () => {
  it('is private: the folder 0700, every file the embedded database writes 0600, looser ones tightened and logged', async () => {
    const dataDir = join(root, 'data');
    mkdirSync(join(dataDir, 'db'), { recursive: true });
    chmodSync(dataDir, 0o755);
    writeFileSync(join(dataDir, 'left-open'), 'x');
    chmodSync(join(dataDir, 'left-open'), 0o666);

    const output = await runServer(dataDir);
    expect(output).toContain('made files in the data folder private');

    const found = modes(dataDir);
    expect(found.size).toBeGreaterThan(50); // the database's own files are there
    const loose = [...found].filter(([path, mode]) => mode !== (statSync(path).isDirectory() ? 0o700 : 0o600));
    expect(loose).toEqual([]);
  }, 120_000);
});
