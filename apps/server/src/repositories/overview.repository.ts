import type { Overview } from '@career-anchor/contracts';
import { readRows, type Db, type Executor } from '../db/client.ts';
import type { JsonText } from '../lib/json-text.ts';
import { asText, openTodoCounts, raw } from './facts.ts';
import { ACHIEVEMENT_JSON, FOCUS_ITEM_JSON, PLAN_JSON, TODO_JSON } from './item-json.ts';
import { PROFILE_JSON } from './profiles.repository.ts';

const RECENT_ACHIEVEMENTS = 6;
const NEXT_TODOS = 8;
const MAX_ITEMS = 200;

/**
 * The whole anchor page in one statement built once: the profile, the same items, order and
 * limits as the lists (newest achievements, focus items and plans in the user's order), the to-do
 * counts, and the open to-dos to look at first: overdue and due soon, important before the rest,
 * then the user's own order. Open, due-today and overdue counts come from the tallies kept as
 * to-dos change (facts.ts `openTodoCounts`); the other counts each read only their part of an
 * index. The recent achievements and next to-dos are chosen first and only they are written as
 * JSON. Parameters: $1 user, $2 now; today and the week are the user's, in their time zone (`z`).
 * With the page come what it holds for: the data version it was read at (the same snapshot) and
 * the user's time zone and day. `only` is a condition on the whole statement. No profile, no row.
 */
const pageOf = (only = '') => `
with z as (select timezone as tz, ($2::timestamptz at time zone timezone)::date as today from profiles where user_id = $1)
select json_build_object(
  'profile', (${PROFILE_JSON}),
  'achievements', (select coalesce(json_agg(${ACHIEVEMENT_JSON} order by a.day desc, a.id desc), '[]'::json) from (
      select coalesce(achieved_on, '0001-01-01'::date) as day, id from achievements
      where user_id = $1 and deleted_at is null
      order by coalesce(achieved_on, '0001-01-01'::date) desc, id desc limit ${RECENT_ACHIEVEMENTS}) a
      join achievements on achievements.id = a.id),
  'achievementCount', (select count(*) from achievements where user_id = $1 and deleted_at is null),
  'focusItems', (select coalesce(json_agg(f.item order by f.position, f.id), '[]'::json) from (
      select ${FOCUS_ITEM_JSON} as item, position, id from focus_items
      where user_id = $1 and deleted_at is null order by position, id limit ${MAX_ITEMS}) f),
  'plans', (select coalesce(json_agg(p.item order by p.position, p.id), '[]'::json) from (
      select ${PLAN_JSON} as item, position, id from plans
      where user_id = $1 and deleted_at is null order by position, id limit ${MAX_ITEMS}) p),
  'todos', json_build_object(
    'open', c.open, 'dueToday', c."dueToday", 'overdue', c.overdue,
    'doneThisWeek', (select count(*) from todos where user_id = $1 and deleted_at is null and status = 'done'
                       and completed_at >= (date_trunc('week', $2::timestamptz at time zone z.tz) at time zone z.tz)),
    'next', (select coalesce(json_agg(${TODO_JSON} order by n.due_on nulls last, n.important desc, n.position), '[]'::json) from (
        select id, due_on, important, position from todos
        where user_id = $1 and deleted_at is null and status = 'open'
        order by due_on nulls last, important desc, position limit ${NEXT_TODOS}) n
        join todos on todos.id = n.id))
)::text as page,
  (select version from data_versions where user_id = $1) as version, z.tz as timezone, z.today as day
from z cross join lateral (${asText(openTodoCounts(raw('$1'), raw('z.today')))}) c ${only}`;

/** Keeps the page read by `page` as the user's, and answers `answer` (a write in WITH runs either way). */
const storing = (page: string, answer: string) => `
with page as (${page}),
  stored as (
    insert into anchor_pages (user_id, version, timezone, day, page)
    select $1, version, timezone, day, page from page where version is not null
    on conflict (user_id) do update
      set version = excluded.version, timezone = excluded.timezone, day = excluded.day, page = excluded.page)
${answer}`;

/** The page computed from the data, kept and answered. */
const COMPUTE = storing(pageOf(), 'select page from page');

/** The same, only where a page is kept and the data has changed since it was written; answers nothing. */
const REFRESH = storing(
  pageOf(`where exists (select 1 from anchor_pages a join data_versions v on v.user_id = a.user_id
                        where a.user_id = $1 and a.version <> v.version)`),
  'select 1 where false',
);

/** The kept page, if it was written at the user's present data version and holds for their day as of $2. */
const KEPT = `
select a.page from anchor_pages a join data_versions v on v.user_id = a.user_id and v.version = a.version
where a.user_id = $1 and a.day = ($2::timestamptz at time zone a.timezone)::date`;

type PageRow = { page: JsonText<Overview> };

/**
 * The acting user's anchor page: computed by one statement and kept (`anchor_pages`), so that
 * reading it is one row by key while the data and the user's day are those it was written for.
 * A kept page is never answered for another data version, so a change made anywhere (a job, an
 * import, another server) is seen at once; it only costs that one read the computation.
 */
export function overviewRepository(db: Executor, userId: string) {
  return {
    /** The page kept for the user's present data and their day as of `now`, if there is one. */
    async kept(now: Date): Promise<JsonText<Overview> | undefined> {
      const [row] = await readRows<PageRow>(db as Db, KEPT, [userId, now.toISOString()]);
      return row?.page;
    },

    /** The page as of `now`, computed and kept; a statement of its own, outside any transaction. */
    async compute(now: Date): Promise<JsonText<Overview> | undefined> {
      const [row] = await readRows<PageRow>(db as Db, COMPUTE, [userId, now.toISOString()]);
      return row?.page;
    },

    /** Writes the kept page anew if the data changed since it was written; nothing if none is kept. */
    async refresh(now: Date): Promise<void> {
      await readRows(db as Db, REFRESH, [userId, now.toISOString()]);
    },
  };
}
