import type { Overview } from '@career-anchor/contracts';
import { readRows, type Db } from '../db/client.ts';
import type { Clock } from '../lib/clock.ts';
import { todayIn } from '../lib/dates.ts';
import { asText, dueTodayTodo, overdueTodo, raw } from '../repositories/facts.ts';
import { ACHIEVEMENT_JSON, FOCUS_ITEM_JSON, PLAN_JSON, TODO_JSON } from '../repositories/item-json.ts';
import type { Actor } from '../lib/actor.ts';
import type { ProfileService } from './profile.service.ts';

const RECENT_ACHIEVEMENTS = 6;
const NEXT_TODOS = 8;
const MAX_ITEMS = 200;

/**
 * The anchor page but its profile, in one statement built once: the same items, order and
 * limits as the lists (newest achievements, focus items and plans in the user's order), the to-do
 * counts, and the open to-dos to look at first: overdue and due soon, important before the
 * rest, then the user's own order. Each count is its own subquery so each reads only its part
 * of an index. Parameters: $1 user, $2 today in the user's zone, $3 now, $4 the zone.
 */
export const OVERVIEW = `
select json_build_object(
  'achievements', (select coalesce(json_agg(a.item order by a.day desc, a.id desc), '[]'::json) from (
      select ${ACHIEVEMENT_JSON} as item, coalesce(achieved_on, '0001-01-01'::date) as day, id from achievements
      where user_id = $1 and deleted_at is null
      order by coalesce(achieved_on, '0001-01-01'::date) desc, id desc limit ${RECENT_ACHIEVEMENTS}) a),
  'achievementCount', (select count(*) from achievements where user_id = $1 and deleted_at is null),
  'focusItems', (select coalesce(json_agg(f.item order by f.position, f.id), '[]'::json) from (
      select ${FOCUS_ITEM_JSON} as item, position, id from focus_items
      where user_id = $1 and deleted_at is null order by position, id limit ${MAX_ITEMS}) f),
  'plans', (select coalesce(json_agg(p.item order by p.position, p.id), '[]'::json) from (
      select ${PLAN_JSON} as item, position, id from plans
      where user_id = $1 and deleted_at is null order by position, id limit ${MAX_ITEMS}) p),
  'todos', json_build_object(
    'open', (select count(*) from todos where user_id = $1 and deleted_at is null and status = 'open'),
    'dueToday', (select count(*) from todos where user_id = $1 and ${asText(dueTodayTodo(raw('todos'), raw('$2::date')))}),
    'overdue', (select count(*) from todos where user_id = $1 and ${asText(overdueTodo(raw('todos'), raw('$2::date')))}),
    'doneThisWeek', (select count(*) from todos where user_id = $1 and deleted_at is null and status = 'done'
                       and completed_at >= (date_trunc('week', $3::timestamptz at time zone $4::text) at time zone $4::text)),
    'next', (select coalesce(json_agg(n.item order by n.due_on nulls last, n.important desc, n.position), '[]'::json) from (
        select ${TODO_JSON} as item, due_on, important, position from todos
        where user_id = $1 and deleted_at is null and status = 'open'
        order by due_on nulls last, important desc, position limit ${NEXT_TODOS}) n))
) as overview`;

type OverviewRest = Omit<Overview, 'profile'>;

/** Everything the anchor page shows, in one call: the profile, then the rest in one statement. */
export function createOverviewService(deps: { db: Db; clock: Clock; profile: ProfileService }) {
  return {
    async get(actor: Actor): Promise<Overview> {
      const profile = await deps.profile.get(actor);
      const now = deps.clock.now();
      const [row] = await readRows<{ overview: OverviewRest }>(deps.db, OVERVIEW, [
        actor.userId,
        todayIn(profile.timezone, now),
        now.toISOString(),
        profile.timezone,
      ]);
      return { profile, ...row!.overview };
    },
  };
}
export type OverviewService = ReturnType<typeof createOverviewService>;
