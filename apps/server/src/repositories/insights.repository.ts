import { sql } from 'drizzle-orm';
import { queryRows, type Executor } from '../db/client.ts';
import { completionStreak, skillOccurrences } from './facts.ts';
import { plansAtRisk } from './reminders.repository.ts';

/** Finished to-dos of this user since a moment (the last 30 days, say). */
const finishedSince = (userId: string, since: Date) =>
  sql`t.user_id = ${userId} and t.deleted_at is null and t.status = 'done' and t.completed_at >= ${since.toISOString()}::timestamptz`;

/** The facts the acting user's insights are made of; what they mean is the service's. */
export function insightsRepository(db: Executor, userId: string) {
  return {
    /** Each skill's achievements from `since` to before `split`, and from `split` on (local days). */
    skillCounts(timezone: string, since: string, split: string) {
      return queryRows<{ skill: string; now: number; before: number }>(
        db,
        sql`select skill, count(*) filter (where on_day >= ${split}::date)::int as now,
                   count(*) filter (where on_day < ${split}::date)::int as before
            from (${skillOccurrences(sql`${userId}::uuid`, sql`${timezone}`)}) s
            where on_day >= ${since}::date
            group by skill`,
      );
    },

    /** To-dos finished in the 28 days before `now`, and in the 28 days before those. */
    async pace(now: Date) {
      const [row] = await queryRows<{ last4: number; prev4: number }>(
        db,
        sql`select count(*) filter (where t.completed_at >= ${now.toISOString()}::timestamptz - interval '28 days')::int as last4,
                   count(*) filter (where t.completed_at < ${now.toISOString()}::timestamptz - interval '28 days')::int as prev4
            from todos t where ${finishedSince(userId, new Date(now.getTime() - 56 * 86_400_000))}`,
      );
      return row ?? { last4: 0, prev4: 0 };
    },

    /** The current streaks of local days and of weeks with a finished to-do. */
    async streaks(timezone: string, today: string) {
      const [row] = await queryRows<{ days: number; weeks: number }>(
        db,
        sql`select ${completionStreak(sql`${userId}::uuid`, sql`${timezone}`, sql`${today}::date`, 'day')} as days,
                   ${completionStreak(sql`${userId}::uuid`, sql`${timezone}`, sql`${today}::date`, 'week')} as weeks`,
      );
      return row ?? { days: 0, weeks: 0 };
    },

    /** To-dos finished since `since`, counted by plan (a null plan for those in none), largest first. */
    finishedByPlan(since: Date) {
      return queryRows<{ planId: string | null; title: string | null; count: number }>(
        db,
        sql`select p.id as "planId", p.title, count(*)::int as count
            from todos t left join plans p on p.id = t.plan_id
            where ${finishedSince(userId, since)}
            group by p.id, p.title order by count desc, p.title nulls last`,
      );
    },

    /** Each to-do finished since `since` with each of its tags: one row per tag, or one with a null tag. */
    finishedTags(since: Date) {
      return queryRows<{ todoId: string; tag: string | null }>(
        db,
        sql`select t.id as "todoId", tg.name as tag
            from todos t
            left join taggings x on x.user_id = t.user_id and x.item_kind = 'todo' and x.item_id = t.id
            left join tags tg on tg.id = x.tag_id
            where ${finishedSince(userId, since)}`,
      );
    },

    /** This user's plans at risk, as the reminder sees them. */
    plansAtRisk: (today: string, now: Date) => plansAtRisk(db, [{ userId, today }], now),
  };
}
