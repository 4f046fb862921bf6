import { sql } from 'drizzle-orm';
import { queryRows, readRows, type Db, type Executor } from '../db/client.ts';
import { progressOf, skillOccurrences } from './facts.ts';

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

/** The acting user's chart data, aggregated on their own calendar (`timezone`). */
export function statsRepository(db: Executor, userId: string) {
  return {
    /** Finished to-dos per day or week from `from` to `to`, days with none left out. */
    activity: (bucket: 'day' | 'week', timezone: string, from: string, to: string) =>
      readRows<{ date: string; count: number }>(db as Db, bucket === 'week' ? ACTIVITY_BY_WEEK : ACTIVITY_BY_DAY, [
        userId,
        timezone,
        from,
        to,
      ]),

    /** A plan's progress each day from `start` to `today`, from when its live to-dos were added and finished. */
    planHistory: (planId: string, timezone: string, start: string, today: string) =>
      queryRows<{ date: string; done: number; total: number; progress: number }>(
        db,
        sql`with t as (
              select (created_at at time zone ${timezone})::date as added, (completed_at at time zone ${timezone})::date as finished
              from todos where user_id = ${userId} and plan_id = ${planId} and deleted_at is null),
            c as (
              select d, (select count(*) from t where finished <= d)::int as done, (select count(*) from t where added <= d)::int as total
              from generate_series(${start}::date, ${today}::date, interval '1 day') d)
            select to_char(d, 'YYYY-MM-DD') as date, done, total, ${progressOf(sql`done`, sql`total`)} as progress from c`,
      ),

    /** How often each skill was shown, per month ('YYYY-MM') from `firstMonth` to `lastMonth`. */
    skillsByMonth: (timezone: string, firstMonth: string, lastMonth: string) =>
      queryRows<{ skill: string; month: string; n: number }>(
        db,
        sql`select skill, month, count(*)::int as n from (
              select skill, to_char(on_day, 'YYYY-MM') as month from (${skillOccurrences(sql`${userId}::uuid`, sql`${timezone}`)}) o) s
            where month >= ${firstMonth} and month <= ${lastMonth}
            group by skill, month`,
      ),
  };
}
