// Prints start-up time to /healthz and throughput with latency percentiles for /healthz and
// GET /api/v1/auth/me, against a real server process on an embedded database (or DATABASE_URL).
//   npm run bench                 all of it
//   BENCH_SECONDS=5 npm run bench shorter load runs
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import autocannon from 'autocannon';

const PORT = Number(process.env.BENCH_PORT ?? 3277);
const BASE = `http://127.0.0.1:${PORT}`;
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 32);

function startServer(dataDir: string): { child: ChildProcess; ready: Promise<number> } {
  const started = performance.now();
  const child = spawn(process.execPath, ['apps/server/src/main.ts'], {
    env: { ...process.env, PORT: String(PORT), DATA_DIR: dataDir, RATE_LIMIT_PER_MIN: '0', LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const ready = (async () => {
    for (;;) {
      try {
        const res = await fetch(`${BASE}/healthz`);
        if (res.ok) return performance.now() - started;
      } catch {
        // not listening yet
      }
      if (child.exitCode !== null) throw new Error('server exited during start-up');
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  })();
  return { child, ready };
}

async function stop(child: ChildProcess) {
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  await exited;
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

async function load(title: string, options: autocannon.Options) {
  const result = await autocannon({ connections: CONNECTIONS, duration: SECONDS, ...options });
  const errors = result.errors + result.non2xx;
  console.log(
    `${title.padEnd(26)} ${Math.round(result.requests.average).toString().padStart(7)} req/s   p50 ${result.latency.p50} ms   p99 ${result.latency.p99} ms${errors ? `   (${errors} errors)` : ''}`,
  );
}

const dataDir = mkdtempSync(join(tmpdir(), 'ca-bench-'));
try {
  console.log(
    `Career Anchor benchmark · Node ${process.version} · ${process.env.DATABASE_URL ? 'PostgreSQL server' : 'embedded PGlite'}`,
  );

  const cold: number[] = [];
  for (let i = 0; i < 3; i++) {
    const dir = mkdtempSync(join(tmpdir(), 'ca-bench-cold-'));
    const { child, ready } = startServer(dir);
    cold.push(await ready);
    await stop(child);
    rmSync(dir, { recursive: true, force: true });
  }
  console.log(`cold start to /healthz      ${Math.round(median(cold))} ms (median of 3, empty data folder: migrations included)`);

  const { child: first, ready: firstReady } = startServer(dataDir);
  await firstReady;
  await stop(first);
  const { child, ready } = startServer(dataDir);
  console.log(`warm start to /healthz      ${Math.round(await ready)} ms (existing data folder)`);

  const register = await fetch(`${BASE}/api/v1/auth/register`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: 'bench@example.com', password: 'benchmark password', displayName: 'Bench' }),
  });
  const cookie = register.headers.getSetCookie()[0]!.split(';')[0]!;

  console.log(`load: ${CONNECTIONS} connections, ${SECONDS} s each, autocannon in this process`);
  await load('GET /healthz', { url: `${BASE}/healthz` });
  await load('GET /api/v1/auth/me', { url: `${BASE}/api/v1/auth/me`, headers: { cookie } });
  await stop(child);
} finally {
  rmSync(dataDir, { recursive: true, force: true });
}
