// Start-up time to /healthz, and throughput with latency percentiles for /healthz and
// GET /api/v1/auth/me, against a real server process on an embedded database (or DATABASE_URL).
//   npm run bench                  BENCH_SECONDS=5 npm run bench     DATABASE_URL=postgres://… npm run bench
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BASE, SECONDS, load, median, session, startServer, stopServer } from './server.ts';

const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 32);
const dataDir = mkdtempSync(join(tmpdir(), 'ca-bench-'));
try {
  console.log(
    `Career Anchor start-up and auth · Node ${process.version} · ${process.env.DATABASE_URL ? 'PostgreSQL server' : 'embedded PGlite'}`,
  );

  const cold: number[] = [];
  for (let i = 0; i < 3; i++) {
    const dir = mkdtempSync(join(tmpdir(), 'ca-bench-cold-'));
    const server = startServer({ DATA_DIR: dir });
    cold.push(await server.ready);
    await stopServer(server.child);
    rmSync(dir, { recursive: true, force: true });
  }
  console.log(`cold start to /healthz      ${Math.round(median(cold))} ms (median of 3, empty data folder: migrations included)`);

  const first = startServer({ DATA_DIR: dataDir });
  await first.ready;
  await stopServer(first.child);
  const server = startServer({ DATA_DIR: dataDir });
  console.log(`warm start to /healthz      ${Math.round(await server.ready)} ms (existing data folder)`);
  const cookie = await session(`bench-${Date.now()}@example.com`);

  console.log(`load: ${CONNECTIONS} connections, ${SECONDS} s each, autocannon in this process`);
  await load('GET /healthz', { url: `${BASE}/healthz`, connections: CONNECTIONS });
  await load('GET /api/v1/auth/me', { url: `${BASE}/api/v1/auth/me`, headers: { cookie }, connections: CONNECTIONS });
  await stopServer(server.child);
} finally {
  rmSync(dataDir, { recursive: true, force: true });
}
