// Shared by the benchmark scripts: start a real server process, wait for it, drive load at it.
import { spawn, type ChildProcess } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import autocannon from 'autocannon';

export const PORT = Number(process.env.BENCH_PORT ?? 3277);
export const BASE = `http://127.0.0.1:${PORT}`;
export const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);

export interface RunningServer {
  child: ChildProcess;
  /** Milliseconds from spawn until /healthz answered 200. */
  ready: Promise<number>;
}

let lastPid: number | undefined;
/** The process id of the server started last, for reading its memory. */
export const runningServerPid = () => lastPid!;

/** The Node flags `npm run serve` starts the server with, so the figures are of what runs. */
const SERVE_FLAGS = (
  JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { scripts: { serve: string } }
).scripts.serve
  .split(' ')
  .filter((word) => word.startsWith('--'));

export function startServer(env: Record<string, string>): RunningServer {
  const started = performance.now();
  // BENCH_SERVER_ARGS: extra Node flags for the server, e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof".
  const nodeArgs = [...SERVE_FLAGS, ...(process.env.BENCH_SERVER_ARGS ?? '').split(' ').filter(Boolean)];
  const child = spawn(process.execPath, [...nodeArgs, 'apps/server/src/main.ts'], {
    env: { ...process.env, PORT: String(PORT), RATE_LIMIT_PER_MIN: '0', LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  lastPid = child.pid;
  const ready = (async () => {
    for (;;) {
      try {
        if ((await fetch(`${BASE}/healthz`)).ok) return performance.now() - started;
      } catch {
        // not listening yet
      }
      if (child.exitCode !== null) throw new Error('server exited during start-up');
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  })();
  return { child, ready };
}

export async function stopServer(child: ChildProcess) {
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  await exited;
}

/** Signs up (or in) and returns the session cookie. */
export async function session(email: string, password = 'benchmark password'): Promise<string> {
  const headers = { 'content-type': 'application/json' };
  let res = await fetch(`${BASE}/api/v1/auth/register`, {
    method: 'POST',
    headers,
    body: JSON.stringify({ email, password, displayName: 'Bench' }),
  });
  if (res.status === 409)
    res = await fetch(`${BASE}/api/v1/auth/login`, { method: 'POST', headers, body: JSON.stringify({ email, password }) });
  if (!res.ok) throw new Error(`sign-in failed: ${res.status}`);
  return res.headers.getSetCookie()[0]!.split(';')[0]!;
}

export const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

/** The PostgreSQL database the server under test uses, if any: its backends' CPU is counted too. */
let benchDatabase: string | undefined;

/** CPU time (user + system, ms) of a process, or 0 once it is gone. */
function cpuMs(pid: number | string): number {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100; // utime + stime, in clock ticks of 10 ms
  } catch {
    return 0;
  }
}

/**
 * CPU time of the server process and of the PostgreSQL backends serving its database, with the
 * backends' process ids: one that ends between two readings takes its time with it.
 */
function cpuNow() {
  let database = 0;
  const backends = new Set<string>();
  if (benchDatabase) {
    for (const pid of readdirSync('/proc')) {
      if (!/^\d+$/.test(pid)) continue;
      try {
        const title = readFileSync(`/proc/${pid}/cmdline`, 'utf8');
        if (title.startsWith('postgres: ') && title.includes(` ${benchDatabase} `)) {
          database += cpuMs(pid);
          backends.add(pid);
        }
      } catch {
        // gone meanwhile
      }
    }
  }
  return { server: lastPid ? cpuMs(lastPid) : 0, database, backends };
}

/**
 * Drives load at one URL and prints requests/s with p50 and p99 latency, the response size, and
 * the CPU time per request of the server process and of its PostgreSQL backends.
 */
export async function load(title: string, options: autocannon.Options & { connections: number }) {
  const before = cpuNow();
  const result = await autocannon({ duration: SECONDS, ...options });
  const after = cpuNow();
  const errors = result.errors + result.non2xx;
  const perRequest = (ms: number) => (ms / Math.max(result.requests.total, 1)).toFixed(2);
  const bytes = result.throughput.total / Math.max(result.requests.total, 1);
  console.log(
    `${title.padEnd(44)} ${Math.round(result.requests.average).toString().padStart(7)} req/s   p50 ${String(result.latency.p50).padStart(3)} ms   p99 ${String(result.latency.p99).padStart(4)} ms` +
      `   ${(bytes / 1024).toFixed(1).padStart(6)} KB   CPU/req server ${perRequest(after.server - before.server)} ms` +
      (benchDatabase
        ? [...before.backends].every((pid) => after.backends.has(pid))
          ? `, database ${perRequest(after.database - before.database)} ms`
          : ', database n/a (a connection closed meanwhile)'
        : '') +
      (errors ? `   (${errors} errors)` : ''),
  );
  return result;
}

/** A fresh database on the PostgreSQL server for one benchmark run; `drop()` removes it. */
export async function freshPostgres(adminUrl = process.env.PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres') {
  const { default: pg } = await import('pg');
  const name = `ca_bench_${Date.now().toString(36)}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`create database ${name}`);
  const version = (await admin.query('show server_version')).rows[0].server_version as string;
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return {
    url: url.href,
    version,
    async drop() {
      // BENCH_KEEP=1 leaves the database for a look at its plans afterwards.
      if (process.env.BENCH_KEEP) console.log(`kept database ${name}`);
      else await admin.query(`drop database if exists ${name} with (force)`);
      await admin.end();
    },
  };
}

/** Follows a job's event stream; resolves with when it first ran and when it ended, in ms since `since`. */
export async function followJob(jobId: string, cookie: string, since: number) {
  const res = await fetch(`${BASE}/api/v1/jobs/${jobId}/events`, { headers: { cookie } });
  const decoder = new TextDecoder();
  let buffer = '';
  let startedMs: number | null = null;
  let last: { status: string; result: unknown; error: unknown } | null = null;
  for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
    buffer += decoder.decode(chunk, { stream: true });
    let end;
    while ((end = buffer.indexOf('\n\n')) >= 0) {
      const block = buffer.slice(0, end);
      buffer = buffer.slice(end + 2);
      if (!block.startsWith('event: job')) continue;
      last = JSON.parse(block.split('\n')[1]!.slice(6));
      if (last!.status !== 'queued' && startedMs === null) startedMs = performance.now() - since;
    }
  }
  return { startedMs: startedMs ?? performance.now() - since, doneMs: performance.now() - since, job: last };
}

type Database = import('../apps/server/src/db/client.ts').Database;

/** A server setting to measure under, e.g. the read cache on and off. */
export interface Variant {
  label: string;
  env: Record<string, string>;
}

/** The heavy read routes measured twice: repeat reads answered by the read cache, and every read as the first after a change is (the anchor page kept, the lists computed). */
export const READ_CACHE_VARIANTS: Variant[] = [
  { label: 'read cache on: repeat reads', env: {} },
  { label: 'read cache off (READ_CACHE_MB=0): every read as the first after a change', env: { READ_CACHE_MB: '0' } },
];

/**
 * Runs `measure` against a server on the embedded database and then on a fresh PostgreSQL
 * database, each time after `seed` filled the account of `email` (set-based SQL, seconds), once
 * per variant (the server restarted with its settings).
 */
export async function onBothDatabases(options: {
  email: string;
  env?: Record<string, string>;
  variants?: Variant[];
  seed: (database: Database, userId: string) => Promise<void>;
  measure: (label: string) => Promise<void>;
}) {
  const { mkdtempSync, rmSync } = await import('node:fs');
  const { tmpdir } = await import('node:os');
  const { join } = await import('node:path');
  const { sql } = await import('drizzle-orm');
  const { openDatabase, queryRows } = await import('../apps/server/src/db/client.ts');
  const variants = options.variants ?? [{ label: '', env: {} }];

  const fill = async (target: { dataDir: string } | { url: string }) => {
    const database = await openDatabase(target);
    const [user] = await queryRows<{ id: string }>(database.db, sql`select id from users where email = ${options.email}`);
    const started = performance.now();
    await options.seed(database, user!.id);
    // As autovacuum would soon after a bulk load (the local server runs with it off): statistics, and
    // the visibility map that lets counts read indexes alone.
    await (database.kind === 'postgres' ? database.db.execute(sql`vacuum analyze`) : database.refreshStatistics());
    await database.close();
    return Math.round(performance.now() - started);
  };

  /** Each variant on its own server start over the same data. */
  const measureVariants = async (env: Record<string, string>, label: string) => {
    for (const variant of variants) {
      const server = startServer({ ...env, ...options.env, ...variant.env });
      await server.ready;
      await options.measure(variant.label ? `${label} · ${variant.label}` : label);
      await stopServer(server.child);
    }
  };

  // BENCH_DB=pglite or BENCH_DB=postgres measures only that one.
  const only = process.env.BENCH_DB;
  if (only !== 'postgres') {
    // Embedded: the data folder belongs to one process at a time, so seed between two runs.
    const dataDir = mkdtempSync(join(tmpdir(), 'ca-bench-'));
    try {
      const first = startServer({ DATA_DIR: dataDir, ...options.env });
      await first.ready;
      await session(options.email);
      await stopServer(first.child);
      const took = await fill({ dataDir: join(dataDir, 'db') });
      await measureVariants({ DATA_DIR: dataDir }, `embedded PGlite (seeded in ${took} ms)`);
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  }

  if (only === 'pglite') return;
  const pg = await freshPostgres();
  try {
    const env = { DATABASE_URL: pg.url, DATA_DIR: mkdtempSync(join(tmpdir(), 'ca-bench-pg-')) };
    const first = startServer({ ...env, ...options.env });
    await first.ready;
    await session(options.email);
    await stopServer(first.child);
    const took = await fill({ url: pg.url });
    benchDatabase = new URL(pg.url).pathname.slice(1);
    await measureVariants(env, `PostgreSQL ${pg.version.split(' ')[0]} (seeded in ${took} ms)`);
    benchDatabase = undefined;
  } finally {
    await pg.drop();
  }
}
