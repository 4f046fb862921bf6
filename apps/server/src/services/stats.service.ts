import { sql } from 'drizzle-orm';
import { queryRows, readRows, type Db } from '../db/client.ts';
import type { Clock } from '../lib/clock.ts';
import { addDays, todayIn } from '../lib/dates.ts';
import { badRequest } from '../lib/problem.ts';
import { progressOf } from '../repositories/facts.ts';
import { findTimezone } from '../repositories/profiles.repository.ts';
import type { Actor } from '../lib/actor.ts';
import type { PlansService } from './plans.service.ts';

const MAX_DAYS = 731;

/**
 * Finished to-dos per day (or week) of the user's calendar: $1 user, $2 time zone, $3 first and
 * $4 last day. Counted per day first, so only each day (not each to-do) is formatted; read
 * from the index of finished to-dos alone.
 */
const activity = (bucket: string) => `
  select to_char(bucket, 'YYYY-MM-DD') as date, n::int as count from (
    select ${bucket} as bucket, count(*) as n from todos
    where user_id = $1 and deleted_at is null and status = 'done'
      and completed_at >= ($3::date::timestamp at time zone $2::text)
      and completed_at < (($4::date + 1)::timestamp at time zone $2::text)
    group by 1) days
  order by bucket`;
const ACTIVITY_BY_DAY = activity(`(completed_at at time zone $2::text)::date`);
const ACTIVITY_BY_WEEK = activity(`date_trunc('week', (completed_at at time zone $2::text)::date)::date`);

/** Chart data, aggregated in SQL on the user's own calendar. */
export function createStatsService(db: Db, clock: Clock, plans: PlansService) {
  return {
    async activity(actor: Actor, query: { from?: string | undefined; to?: string | undefined; bucket: 'day' | 'week' }) {
      const tz = await findTimezone(db, actor.userId);
      const to = query.to ?? todayIn(tz, clock.now());
      const from = query.from ?? addDays(to, -364);
      const days = (Date.parse(to) - Date.parse(from)) / 86_400_000;
      if (days < 0 || days > MAX_DAYS)
        throw badRequest(`The range must run forwards and span at most ${MAX_DAYS} days.`, [
          { path: 'from', message: 'Out of range' },
        ]);
      const points = await readRows<{ date: string; count: number }>(
        db,
        query.bucket === 'week' ? ACTIVITY_BY_WEEK : ACTIVITY_BY_DAY,
        [actor.userId, tz, from, to],
      );
      return { from, to, bucket: query.bucket, points, total: points.reduce((sum, p) => sum + p.count, 0) };
    },

    /** A plan's progress day by day, from when its to-dos were added and finished: no snapshots needed. */
    async planHistory(actor: Actor, planId: string) {
      const plan = await plans.findOrThrow(db, actor, planId);
      const tz = await findTimezone(db, actor.userId);
      const today = todayIn(tz, clock.now());
      const created = todayIn(tz, plan.createdAt);
      const start = created < addDays(today, -365) ? addDays(today, -365) : created;
      const points = await queryRows<{ date: string; done: number; total: number; progress: number }>(
        db,
        sql`with t as (
              select (created_at at time zone ${tz})::date as added, (completed_at at time zone ${tz})::date as finished
              from todos where user_id = ${actor.userId} and plan_id = ${plan.id} and deleted_at is null),
            c as (
              select d, (select count(*) from t where finished <= d)::int as done, (select count(*) from t where added <= d)::int as total
              from generate_series(${start}::date, ${today}::date, interval '1 day') d)
            select to_char(d, 'YYYY-MM-DD') as date, done, total, ${progressOf(sql`done`, sql`total`)} as progress from c`,
      );
      return { planId: plan.id, points };
    },

    /** Skills shown by achievements and accepted suggestions, month by month over the last year. */
    async skills(actor: Actor) {
      const tz = await findTimezone(db, actor.userId);
      const today = todayIn(tz, clock.now());
      const months = Array.from({ length: 12 }, (_, i) => {
        const d = new Date(`${today.slice(0, 7)}-01T00:00:00Z`);
        d.setUTCMonth(d.getUTCMonth() - (11 - i));
        return d.toISOString().slice(0, 7);
      });
      const rows = await queryRows<{ skill: string; month: string; n: number }>(
        db,
        sql`select skill, month, count(*)::int as n from (
              select unnest(skills) as skill, to_char(coalesce(achieved_on, (created_at at time zone ${tz})::date), 'YYYY-MM') as month
              from achievements where user_id = ${actor.userId} and deleted_at is null
              union all
              select unnest(core_skills), to_char((decided_at at time zone ${tz})::date, 'YYYY-MM')
              from suggestions where user_id = ${actor.userId} and status = 'accepted') s
            where month >= ${months[0]!} and month <= ${months[11]!}
            group by skill, month`,
      );
      const bySkill = new Map<string, number[]>();
      for (const row of rows) {
        const counts = bySkill.get(row.skill) ?? new Array<number>(12).fill(0);
        counts[months.indexOf(row.month)] = row.n;
        bySkill.set(row.skill, counts);
      }
      const skills = [...bySkill]
        .map(([skill, counts]) => ({ skill, counts, total: counts.reduce((a, b) => a + b, 0) }))
        .sort((a, b) => b.total - a.total || a.skill.localeCompare(b.skill))
        .slice(0, 10);
      return { months, skills };
    },
  };
}
export type StatsService = ReturnType<typeof createStatsService>;
