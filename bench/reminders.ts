// One daily pass of the reminder schedule over 1,000 and 10,000 users, on the embedded database
// and on the PostgreSQL server: how long it takes and how much memory it needs on top of the
// process's baseline (sampled every 20 ms), to show memory stays flat as users grow.
//   npm run bench:reminders
import { sql } from 'drizzle-orm';
import pino from 'pino';
import { openDatabase, type DatabaseOptions } from '../apps/server/src/db/client.ts';
import { createJobQueue, livenessFor } from '../apps/server/src/jobs/queue.ts';
import { systemClock } from '../apps/server/src/lib/clock.ts';
import { createRepositories } from '../apps/server/src/repositories/index.ts';
import { createRemindersService } from '../apps/server/src/services/reminders.service.ts';
import { freshPostgres } from './server.ts';

const SIZES = [1000, 10_000];
// 10:00 on a Monday in every zone used: every kind of reminder is due somewhere.
const NOW = new Date('2026-06-08T10:00:00Z');
const ZONES = ['UTC', 'Europe/Berlin', 'Asia/Shanghai', 'America/New_York', 'Pacific/Auckland'];

async function seed(options: DatabaseOptions, users: number) {
  const database = await openDatabase(options);
  const db = database.db;
  await db.execute(sql`
    insert into users (id, email, display_name, created_at)
    select gen_random_uuid(), 'u' || i || '@example.com', 'User ' || i, '2026-01-01' from generate_series(1, ${users}) i`);
  await db.execute(sql`
    insert into profiles (user_id, timezone, locale)
    select id, (${sql.param(ZONES)}::text[])[1 + (row_number() over (order by id))::int % 5], case when random() < 0.5 then 'zh-CN' else 'en' end from users`);
  await db.execute(sql`insert into user_settings (user_id) select id from users`);
  await db.execute(sql`
    insert into plans (id, user_id, title, status, target_date, updated_at)
    select gen_random_uuid(), id, 'Plan', 'in_progress', '2026-06-20', '2026-04-01' from users`);
  await db.execute(sql`
    insert into todos (id, user_id, plan_id, title, due_on, status, completed_at, updated_at)
    select gen_random_uuid(), p.user_id, p.id, 'Task ' || n, date '2026-06-08' + (n - 3),
           case when n = 1 then 'done' else 'open' end, case when n = 1 then timestamptz '2026-05-01' end, '2026-04-01'
    from plans p, generate_series(1, 4) n`);
  await db.execute(sql`
    insert into focus_items (id, user_id, title, updated_at) select gen_random_uuid(), id, 'Focus', '2026-04-01' from users`);
  if (database.kind === 'postgres') await db.execute(sql`analyze`);
  else await database.refreshStatistics();
  return database;
}

async function pass(label: string, options: DatabaseOptions, users: number) {
  const database = await seed(options, users);
  const logger = pino({ level: 'silent' });
  const queue = createJobQueue({ database, clock: systemClock, logger, liveness: livenessFor(15) });
  const mailer = { available: false, send: async () => {} };
  const reminders = createRemindersService({ repos: createRepositories(database.db), queue, mailer });
  global.gc?.();
  const baseline = process.memoryUsage().rss;
  let peak = baseline;
  const sampler = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().rss);
  }, 20);
  const started = performance.now();
  const result = await reminders.tick(NOW);
  const took = performance.now() - started;
  clearInterval(sampler);
  peak = Math.max(peak, process.memoryUsage().rss);
  console.log(
    `${label.padEnd(18)} ${String(users).padStart(6)} users   ${(took / 1000).toFixed(2).padStart(6)} s   ${String(result.created).padStart(6)} notifications   +${((peak - baseline) / 1048576).toFixed(1)} MB peak over baseline`,
  );
  await database.close();
}

console.log(`One reminder pass (every kind due for every user) · batches of 500 · Node ${process.version}`);
for (const users of SIZES) await pass('embedded PGlite', { memory: true }, users);
for (const users of SIZES) {
  const pgdb = await freshPostgres();
  try {
    await pass(`PostgreSQL ${pgdb.version.split(' ')[0]}`, { url: pgdb.url }, users);
  } finally {
    await pgdb.drop();
  }
}
