import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from '@playwright/test';

/**
 * A server of a test's own, for what the shared one cannot show: a restart on the same data
 * folder, a host name WebAuthn accepts, or settings of its own (REAUTH_WINDOW_MINUTES=0…).
 * `offset` picks its port below E2E_PORT, so several can run side by side.
 */
export interface OwnServerOptions {
  name: string;
  offset: number;
  host?: string;
  env?: Record<string, string>;
}

export function ownServer(options: OwnServerOptions) {
  const port = Number(process.env.E2E_PORT ?? 3199) - options.offset;
  const baseURL = `http://${options.host ?? '127.0.0.1'}:${port}`;
  const dataDir = mkdtempSync(join(tmpdir(), `ca-e2e-${options.name}-`));
  let server: ChildProcess | undefined;

  /** Starts it; `env` adds settings known only now (a fake provider's address, say). */
  async function start(env: Record<string, string> = {}) {
    server = spawn(process.execPath, ['apps/server/src/main.ts'], {
      cwd: join(import.meta.dirname, '..'),
      env: {
        ...process.env,
        PORT: String(port),
        HOST: '127.0.0.1',
        PUBLIC_URL: baseURL,
        DATA_DIR: dataDir,
        RATE_LIMIT_PER_MIN: '0',
        LOG_LEVEL: 'warn',
        ...options.env,
        ...env,
      },
      stdio: ['ignore', 'ignore', 'inherit'],
    });
    for (let i = 0; i < 300; i++) {
      try {
        if ((await fetch(`http://127.0.0.1:${port}/healthz`)).ok) return;
      } catch {
        // not listening yet
      }
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    throw new Error(`the ${options.name} server did not start`);
  }

  /** Stops it gracefully (SIGTERM); the data folder stays for a restart. */
  async function stop() {
    if (!server || server.exitCode !== null) return;
    const exited = new Promise((resolve) => server!.once('exit', resolve));
    server.kill('SIGTERM');
    await exited;
  }

  /** Stops it and removes its data folder. */
  async function dispose() {
    await stop();
    rmSync(dataDir, { recursive: true, force: true });
  }

  return { baseURL, start, stop, dispose };
}

/**
 * An own server for the tests of the enclosing file or describe block: their base URL, started
 * before the first of them and removed after the last.
 */
export function useOwnServer(options: OwnServerOptions) {
  const server = ownServer(options);
  test.use({ baseURL: server.baseURL });
  test.beforeAll(() => server.start());
  test.afterAll(() => server.dispose());
  return server;
}
