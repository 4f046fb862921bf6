// The JavaScript a signed-in user's browser loads on a first visit to the anchor page, gzipped.
// Starts the real server (build the web app first: npm run build), signs up a user, opens the
// page in Chromium and sums every script it fetched.   npm run bench:web
import { gzipSync } from 'node:zlib';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from '@playwright/test';
import { BASE, session, startServer, stopServer } from './server.ts';

const PAGES = ['/', '/todos'];
const dataDir = mkdtempSync(join(tmpdir(), 'ca-bench-web-'));
const server = startServer({ DATA_DIR: dataDir });
try {
  await server.ready;
  const cookie = await session('size@example.com');
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  for (const path of PAGES) {
    const context = await browser.newContext();
    const [name, value] = cookie.split('=') as [string, string];
    await context.addCookies([{ name, value, url: BASE }]);
    const page = await context.newPage();
    const scripts = new Map<string, number>();
    page.on('response', async (response) => {
      if (response.request().resourceType() !== 'script') return;
      scripts.set(new URL(response.url()).pathname, gzipSync(await response.body(), { level: 9 }).length);
    });
    await page.goto(`${BASE}${path}`, { waitUntil: 'networkidle' });
    const total = [...scripts.values()].reduce((sum, size) => sum + size, 0);
    console.log(`${path.padEnd(8)} first visit: ${scripts.size} scripts, ${(total / 1024).toFixed(1)} KB gzipped`);
    await context.close();
  }
  await browser.close();
} finally {
  await stopServer(server.child);
  rmSync(dataDir, { recursive: true, force: true });
}
