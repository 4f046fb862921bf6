// Report drafts through the job queue against a local fake OpenAI-compatible model: the prompt's
// size (estimated tokens) and the job's pickup and total latency, for a week of work and for a
// year of it (2,000 completed to-dos), on the embedded database and on the PostgreSQL server.
//   npm run bench:drafts
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import { openDatabase, queryRows, type DatabaseOptions } from '../apps/server/src/db/client.ts';
import { startFakeModel } from '../apps/server/test/helpers/fake-model.ts';
import { BASE, followJob, freshPostgres, session, startServer, stopServer } from './server.ts';

const fake = await startFakeModel();
// The fake cites the first references it is given, like a model that does its job.
fake.setDefault((request) => {
  const refs = [...JSON.stringify(request.messages).matchAll(/(T\d+) \| \d{4}-/g)].map((m) => m[1]!);
  return {
    accomplishments: refs.slice(0, 8).map((ref, i) => ({ text: `Accomplishment ${i + 1}`, refs: [ref] })),
    challenges: ['A challenge'],
    learnings: ['A learning'],
    nextFocus: ['A focus'],
  };
});
const AI_ENV = { AI_PROVIDER: 'openai-compatible', AI_MODEL: 'fake-model', AI_BASE_URL: fake.baseUrl };

const today = new Date().toISOString().slice(0, 10);
const daysAgo = (n: number) => new Date(Date.now() - n * 86_400_000).toISOString().slice(0, 10);
const CASES = [
  { email: 'week@example.com', label: 'a week, 25 completed to-dos', count: 25, spanDays: 6, type: 'weekly' },
  { email: 'year@example.com', label: 'a year, 2,000 completed to-dos', count: 2000, spanDays: 364, type: 'custom' },
] as const;

async function seed(options: DatabaseOptions) {
  const database = await openDatabase(options);
  for (const c of CASES) {
    const [user] = await queryRows<{ id: string }>(database.db, sql`select id from users where email = ${c.email}`);
    await database.db.execute(sql`
      insert into todos (id, user_id, title, summary, status, completed_at, important, position)
      select gen_random_uuid(), ${user!.id},
             (array['Review pull request', 'Write the design doc', '与客户开会讨论需求', 'Fix the flaky test', '学习 Rust 所有权'])[1 + i % 5] || ' #' || i,
             case when i % 2 = 0 then 'Done well: cut latency by ' || (i % 50) || '%; 客户很满意' else '' end,
             'done', now() - ((i * ${c.spanDays * 24 * 60} / ${c.count}) || ' minutes')::interval, i % 10 = 0, i
      from generate_series(1, ${c.count}) i`);
  }
  await database.close();
}

async function measure(title: string) {
  console.log(`\n${title}`);
  for (const c of CASES) {
    const cookie = await session(c.email);
    const body = { type: c.type, periodStart: daysAgo(c.spanDays), periodEnd: today };
    const headers = { cookie, 'content-type': 'application/json' };
    const preview = await (
      await fetch(`${BASE}/api/v1/ai/preview`, {
        method: 'POST',
        headers,
        body: JSON.stringify({ feature: 'report_draft', ...body }),
      })
    ).json();
    const listed = (preview.prompt.match(/^T\d+ \|/gm) ?? []).length;
    const since = performance.now();
    const { jobId } = await (
      await fetch(`${BASE}/api/v1/reports/drafts`, { method: 'POST', headers, body: JSON.stringify(body) })
    ).json();
    const { startedMs, doneMs, job } = await followJob(jobId, cookie, since);
    if (job?.status !== 'succeeded') throw new Error(`draft failed: ${JSON.stringify(job)}`);
    console.log(
      `${c.label.padEnd(32)} prompt ≈ ${String(preview.estimatedInputTokens).padStart(5)} tokens (${listed} to-dos listed one by one)   pickup ${Math.round(startedMs)} ms   done ${Math.round(doneMs)} ms`,
    );
  }
}

try {
  console.log(`Report drafts with a fake OpenAI-compatible model · Node ${process.version}`);
  const dataDir = mkdtempSync(join(tmpdir(), 'ca-bench-drafts-'));
  try {
    const first = startServer({ DATA_DIR: dataDir, ...AI_ENV });
    await first.ready;
    for (const c of CASES) await session(c.email);
    await stopServer(first.child);
    await seed({ dataDir: join(dataDir, 'db') });
    const server = startServer({ DATA_DIR: dataDir, ...AI_ENV });
    await server.ready;
    await measure('embedded PGlite');
    await stopServer(server.child);
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }

  const pgdb = await freshPostgres();
  try {
    const server = startServer({
      DATABASE_URL: pgdb.url,
      DATA_DIR: mkdtempSync(join(tmpdir(), 'ca-bench-drafts-pg-')),
      ...AI_ENV,
    });
    await server.ready;
    for (const c of CASES) await session(c.email);
    await seed({ url: pgdb.url });
    await measure(`PostgreSQL ${pgdb.version.split(' ')[0]}`);
    await stopServer(server.child);
  } finally {
    await pgdb.drop();
  }
} finally {
  await fake.close();
}
