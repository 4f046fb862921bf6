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
 * No profile, no row.
 */
const OVERVIEW = `
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
)::text as overview
from z cross join lateral (${asText(openTodoCounts(raw('$1'), raw('z.today')))}) c`;

/** The acting user's anchor page. */
export function overviewRepository(db: Executor, userId: string) {
  return {
    /** Everything the anchor page shows as of `now`, as JSON text; a read outside any transaction. */
    async json(now: Date): Promise<JsonText<Overview> | undefined> {
      const [row] = await readRows<{ overview: JsonText<Overview> }>(db as Db, OVERVIEW, [userId, now.toISOString()]);
      return row?.overview;
    },
  };
}
