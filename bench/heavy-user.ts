// The heavy user of the list benchmarks: 5,000 to-dos (half done, due within 30 days either side
// of today), 500 achievements, 50 plans, 10 tags.
import { sql } from 'drizzle-orm';
import type { Database } from '../apps/server/src/db/client.ts';

/** Fills the heavy user's account with set-based SQL (seconds, not minutes). */
export async function seedHeavyUser(database: Database, userId: string) {
  const db = database.db;
  await db.transaction(async (tx) => {
    await tx.execute(sql`
      insert into plans (id, user_id, title, description, status, target_date, position)
      select gen_random_uuid(), ${userId}, 'Plan ' || i, 'Goal number ' || i,
             (array['planned','in_progress','achieved'])[1 + i % 3], current_date + i * 7, i
      from generate_series(1, 50) i`);
    await tx.execute(sql`
      with p as (select id, row_number() over (order by position) - 1 as n from plans where user_id = ${userId})
      insert into todos (id, user_id, title, notes, due_on, priority, important, plan_id, status, completed_at, summary, position, tag_names)
      select gen_random_uuid(), ${userId},
             'Task ' || i || ': ' || (array['write the report','review the code','plan the sprint','call the client','学习中文'])[1 + i % 5],
             'Notes for task ' || i, current_date + (i % 60 - 30), (array['low','normal','high'])[1 + i % 3], i % 10 = 0,
             p.id, case when i % 2 = 0 then 'done' else 'open' end,
             case when i % 2 = 0 then now() - (i || ' hours')::interval end,
             case when i % 2 = 0 then 'Done, and done well' else '' end, i,
             -- What the tagging below will say: written with the row, as a steady-state table holds it.
             array['tag' || (i % 10)]
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
}
