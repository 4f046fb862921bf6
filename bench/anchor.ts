// The anchor page and the to-do list for a heavy user — 5,000 to-dos, 500 achievements, 50 plans,
// 10 tags — on the embedded database and on the PostgreSQL server: requests/s, p50 and p99 of
// GET /overview and of a filtered GET /todos at 10 concurrent clients.
//   npm run bench:anchor        PG_URL=postgres://…/postgres (default: local server)  BENCH_SECONDS=5
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import pg from 'pg';
import { openDatabase, queryRows, type DatabaseOptions } from '../apps/server/src/db/client.ts';
import { BASE, SECONDS, load, session, startServer, stopServer } from './server.ts';

const CONNECTIONS = 10;
const EMAIL = 'heavy@example.com';
const PG_URL = process.env.PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

/** Fills the heavy user's account with set-based SQL (seconds, not minutes). */
async function seed(options: DatabaseOptions) {
  const database = await openDatabase(options);
  const db = database.db;
  const started = performance.now();
  const [user] = await queryRows<{ id: string }>(db, sql`select id from users where email = ${EMAIL}`);
  const userId = user!.id;
  await db.transaction(async (tx) => {
    await tx.execute(sql`
      insert into plans (id, user_id, title, description, status, target_date, position)
      select gen_random_uuid(), ${userId}, 'Plan ' || i, 'Goal number ' || i,
             (array['planned','in_progress','achieved'])[1 + i % 3], current_date + i * 7, i
      from generate_series(1, 50) i`);
    await tx.execute(sql`
      with p as (select id, row_number() over (order by position) - 1 as n from plans where user_id = ${userId})
      insert into todos (id, user_id, title, notes, due_on, priority, important, plan_id, status, completed_at, summary, position)
      select gen_random_uuid(), ${userId},
             'Task ' || i || ': ' || (array['write the report','review the code','plan the sprint','call the client','学习中文'])[1 + i % 5],
             'Notes for task ' || i, current_date + (i % 60 - 30), (array['low','normal','high'])[1 + i % 3], i % 10 = 0,
             p.id, case when i % 2 = 0 then 'done' else 'open' end,
             case when i % 2 = 0 then now() - (i || ' hours')::interval end,
             case when i % 2 = 0 then 'Done, and done well' else '' end, i
      from generate_series(1, 5000) i join p on p.n = i % 50`);
    await tx.execute(sql`
      insert into achievements (id, user_id, title, description, quantifiable_results, skills, achieved_on)
      select gen_random_uuid(), ${userId}, 'Achievement ' || i, 'What happened in ' || i, 'Grew by ' || i || '%',
             array['TypeScript', 'SQL', 'Leadership'], current_date - i
      from generate_series(1, 500) i`);
    await tx.execute(sql`
      insert into tags (id, user_id, name) select gen_random_uuid(), ${userId}, 'tag' || i from generate_series(0, 9) i`);
    await tx.execute(sql`
      with t as (select id, row_number() over (order by name) - 1 as n from tags where user_id = ${userId}),
           d as (select id, row_number() over (order by position) as n from todos where user_id = ${userId})
      insert into taggings (tag_id, user_id, item_kind, item_id)
      select t.id, ${userId}, 'todo', d.id from d join t on t.n = d.n % 10`);
  });
  if (database.kind === 'postgres') await db.execute(sql`analyze`);
  await database.close();
  return performance.now() - started;
}

async function measure() {
  const cookie = await session(EMAIL);
  const headers = { cookie };
  await load('GET /api/v1/overview', { url: `${BASE}/api/v1/overview`, headers, connections: CONNECTIONS });
  await load('GET /api/v1/todos?status=open&tag=tag3', {
    url: `${BASE}/api/v1/todos?status=open&tag=tag3`,
    headers,
    connections: CONNECTIONS,
  });
  await load('GET /api/v1/todos?q=report&sort=due', {
    url: `${BASE}/api/v1/todos?q=report&sort=due`,
    headers,
    connections: CONNECTIONS,
  });
}

console.log(
  `Heavy user: 5,000 to-dos, 500 achievements, 50 plans · ${CONNECTIONS} connections, ${SECONDS} s each · Node ${process.version}`,
);

// Embedded: the data folder belongs to one process at a time, so seed between two runs.
{
  const dataDir = mkdtempSync(join(tmpdir(), 'ca-bench-anchor-'));
  try {
    const first = startServer({ DATA_DIR: dataDir });
    await first.ready;
    await session(EMAIL);
    await stopServer(first.child);
    const took = await seed({ dataDir: join(dataDir, 'db') });
    console.log(`\nembedded PGlite (seeded in ${Math.round(took)} ms)`);
    const server = startServer({ DATA_DIR: dataDir });
    await server.ready;
    await measure();
    await stopServer(server.child);
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
}

// PostgreSQL server: a fresh database for this run, dropped afterwards.
{
  const name = `ca_bench_${Date.now().toString(36)}`;
  const admin = new pg.Client({ connectionString: PG_URL });
  await admin.connect();
  await admin.query(`create database ${name}`);
  const url = new URL(PG_URL);
  url.pathname = `/${name}`;
  try {
    const server = startServer({ DATABASE_URL: url.href, DATA_DIR: mkdtempSync(join(tmpdir(), 'ca-bench-pg-')) });
    await server.ready;
    await session(EMAIL);
    const took = await seed({ url: url.href });
    console.log(
      `\nPostgreSQL ${(await admin.query('show server_version')).rows[0].server_version} (seeded in ${Math.round(took)} ms)`,
    );
    await measure();
    await stopServer(server.child);
  } finally {
    await admin.query(`drop database if exists ${name} with (force)`);
    await admin.end();
  }
}
