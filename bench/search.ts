// Search and chart data for a heavy user — 5,000 to-dos, 500 achievements, 200 reports, half of
// the text Chinese — on the embedded database and on the PostgreSQL server: requests/s, p50 and
// p99 at 10 concurrent clients for 2-, 4- and 8-character queries, queries of 2 and 3 terms, and
// a year of activity.
//   npm run bench:search        BENCH_SECONDS=5 for shorter runs
import { sql } from 'drizzle-orm';
import type { Database } from '../apps/server/src/db/client.ts';
import { BASE, SECONDS, load, onBothDatabases, READ_CACHE_VARIANTS, session } from './server.ts';

const CONNECTIONS = 10;
const EMAIL = 'search@example.com';

async function seed(database: Database, userId: string) {
  await database.db.transaction(async (tx) => {
    await tx.execute(sql`
      insert into todos (id, user_id, title, notes, summary, status, completed_at, position)
      select gen_random_uuid(), ${userId},
             case when i % 2 = 0 then (array['学习中文语法', '准备季度汇报', '和客户开会', '修复登录问题', '阅读技术文档'])[1 + i % 5] || ' 第' || i || '项'
                  else (array['review the code', 'write the report', 'plan the sprint', 'call the client', 'fix the login bug'])[1 + i % 5] || ' #' || i end,
             case when i % 2 = 0 then '今天完成了一部分，明天继续。' else 'Notes about the work, with details for item ' || i end,
             case when i % 3 = 0 then 'Done well' else '' end,
             case when i % 3 = 0 then 'done' else 'open' end,
             case when i % 3 = 0 then now() - ((i % 365) || ' days')::interval end, i
      from generate_series(1, 5000) i`);
    await tx.execute(sql`
      insert into achievements (id, user_id, title, description, skills, achieved_on)
      select gen_random_uuid(), ${userId},
             case when i % 2 = 0 then '完成中文项目 ' || i else 'Shipped project ' || i end,
             case when i % 2 = 0 then '带领团队按时交付' else 'Led the team to deliver on time' end,
             array['TypeScript', '领导力'], current_date - i
      from generate_series(1, 500) i`);
    await tx.execute(sql`
      insert into reports (id, user_id, type, period_start, period_end, title, accomplishments, learnings)
      select gen_random_uuid(), ${userId}, 'weekly', current_date - i * 7, current_date - i * 7 + 6, 'Week ' || i,
             case when i % 2 = 0 then '- 学习中文语法\n- 准备季度汇报' else '- Reviewed the code\n- Wrote the report' end,
             case when i % 2 = 0 then '中文的声调很难' else 'Small steps add up' end
      from generate_series(1, 200) i`);
  });
}

async function measure(label: string) {
  console.log(`\n${label}`);
  const headers = { cookie: await session(EMAIL) };
  // One term of 2, 4 and 8 characters; then several terms, which each row must hold all of
  // ("review t" is a word being typed after another; two-character Chinese terms scan).
  const queries = ['中文', '学习中文', '"the code"', 'review t', '学习 语法', 'code review', '季度 汇报 准备', 'the code review'];
  for (const q of queries) {
    const terms = q.startsWith('"') ? 1 : q.split(' ').length;
    await load(`GET /search?q=${q} (${terms > 1 ? `${terms} terms` : `${[...q.replaceAll('"', '')].length} chars`})`, {
      url: `${BASE}/api/v1/search?q=${encodeURIComponent(q)}&limit=20`,
      headers,
      connections: CONNECTIONS,
    });
  }
  // One person typing alone: each new query is computed.
  await load('GET /search?q=中文 (2 chars, 1 client)', {
    url: `${BASE}/api/v1/search?q=${encodeURIComponent('中文')}&limit=20`,
    headers,
    connections: 1,
  });
  await load('GET /stats/activity (a year)', { url: `${BASE}/api/v1/stats/activity`, headers, connections: CONNECTIONS });
}

console.log(
  `Search and charts, heavy user (5,000 to-dos, 500 achievements, 200 reports) · ${CONNECTIONS} connections, ${SECONDS} s each · Node ${process.version}`,
);
await onBothDatabases({ email: EMAIL, seed, measure, variants: READ_CACHE_VARIANTS });
