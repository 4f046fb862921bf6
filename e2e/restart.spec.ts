import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from '@playwright/test';
import { expectAnchorFilled, fillAnchorFromEmpty } from './anchor-flow.ts';

// A server of this test's own, so it can be stopped and started again on the same data folder.
const PORT = Number(process.env.E2E_PORT ?? 3199) - 2;
const BASE = `http://127.0.0.1:${PORT}`;
const dataDir = mkdtempSync(join(tmpdir(), 'ca-e2e-restart-'));
let server: ChildProcess | undefined;

async function start() {
  server = spawn(process.execPath, ['apps/server/src/main.ts'], {
    cwd: join(import.meta.dirname, '..'),
    env: { ...process.env, PORT: String(PORT), DATA_DIR: dataDir, RATE_LIMIT_PER_MIN: '0', LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  for (let i = 0; i < 300; i++) {
    try {
      if ((await fetch(`${BASE}/healthz`)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error('the server did not start');
}

async function stop() {
  if (!server || server.exitCode !== null) return;
  const exited = new Promise((resolve) => server!.once('exit', resolve));
  server.kill('SIGTERM');
  await exited;
}

test.use({ baseURL: BASE });
test.beforeAll(start);
test.afterAll(async () => {
  await stop();
  rmSync(dataDir, { recursive: true, force: true });
});

test('the filled anchor page survives a server restart, and the session does too', async ({ page }) => {
  await fillAnchorFromEmpty(page);
  await stop();
  await start();
  await page.reload();
  await expectAnchorFilled(page);
});
