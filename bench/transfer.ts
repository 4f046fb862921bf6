// Export and import for a heavy user — 5,000 to-dos, 500 achievements, 200 reports, 50 plans —
// on the embedded database and on the PostgreSQL server: how long each takes (seen from the
// client) and the server process's peak memory meanwhile (resident set, sampled every 20 ms).
//   npm run bench:transfer
import { readFileSync } from 'node:fs';
import { sql } from 'drizzle-orm';
import type { Database } from '../apps/server/src/db/client.ts';
import { BASE, onBothDatabases, runningServerPid, session } from './server.ts';

const EMAIL = 'export@example.com';

async function seed(database: Database, userId: string) {
  await database.db.transaction(async (tx) => {
    await tx.execute(sql`
      insert into plans (id, user_id, title, description, position)
      select gen_random_uuid(), ${userId}, 'Plan ' || i, '计划说明 ' || i, i from generate_series(1, 50) i`);
    await tx.execute(sql`
      with p as (select id, row_number() over (order by position) - 1 as n from plans where user_id = ${userId})
      insert into todos (id, user_id, title, notes, summary, plan_id, status, completed_at, position)
      select gen_random_uuid(), ${userId}, 'Task ' || i || ' 学习中文', 'Notes ' || repeat('x', 80), case when i % 2 = 0 then '完成得不错' else '' end,
             p.id, case when i % 2 = 0 then 'done' else 'open' end, case when i % 2 = 0 then now() - (i || ' hours')::interval end, i
      from generate_series(1, 5000) i join p on p.n = i % 50`);
    await tx.execute(sql`
      insert into achievements (id, user_id, title, description, quantifiable_results, skills, achieved_on)
      select gen_random_uuid(), ${userId}, 'Achievement ' || i, repeat('描述 ', 20), 'Grew ' || i || '%', array['SQL', 'Go'], current_date - i
      from generate_series(1, 500) i`);
    await tx.execute(sql`
      insert into reports (id, user_id, type, period_start, period_end, title, accomplishments, learnings, source_todo_ids)
      select gen_random_uuid(), ${userId}, 'weekly', current_date - i * 7, current_date - i * 7 + 6, 'Week ' || i, repeat('- 完成了一件事\n', 20), 'Learned things',
             array(select id from todos where user_id = ${userId} and status = 'done' order by position limit 5 offset i)
      from generate_series(1, 200) i`);
  });
}

/** Runs `work` while sampling the server's resident memory; returns its time and the peak. */
async function measured<T>(work: () => Promise<T>) {
  const pid = runningServerPid();
  const rss = () => Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0) / 1024;
  const before = rss();
  let peak = before;
  const sampler = setInterval(() => (peak = Math.max(peak, rss())), 20);
  const started = performance.now();
  const result = await work();
  const ms = performance.now() - started;
  clearInterval(sampler);
  return { result, ms, before, peak: Math.max(peak, rss()) };
}

async function measure(label: string) {
  console.log(`\n${label}`);
  const cookie = await session(EMAIL);
  const exported = await measured(async () => {
    const res = await fetch(`${BASE}/api/v1/export`, { headers: { cookie } });
    return res.text();
  });
  console.log(
    `export   ${(exported.ms / 1000).toFixed(2)} s   ${(exported.result.length / 1048576).toFixed(1)} MB document   server memory ${exported.before.toFixed(0)} → peak ${exported.peak.toFixed(0)} MB`,
  );
  const other = await session(`import-${Date.now()}@example.com`);
  const imported = await measured(async () => {
    const res = await fetch(`${BASE}/api/v1/import`, {
      method: 'POST',
      headers: { cookie: other, 'content-type': 'application/json', origin: BASE },
      body: exported.result,
    });
    return res.json();
  });
  const counts = (imported.result as { imported: Record<string, number> }).imported;
  console.log(
    `import   ${(imported.ms / 1000).toFixed(2)} s   ${Object.values(counts).reduce((a, b) => a + b, 0)} items   server memory ${imported.before.toFixed(0)} → peak ${imported.peak.toFixed(0)} MB`,
  );
}

console.log(`Export and import, heavy user (5,000 to-dos, 500 achievements, 200 reports, 50 plans) · Node ${process.version}`);
await onBothDatabases({ email: EMAIL, seed, measure });
