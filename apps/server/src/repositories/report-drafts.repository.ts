import { and, asc, eq, isNull, or, sql } from 'drizzle-orm';
import type { Executor } from '../db/client.ts';
import { plans, todos } from '../db/schema/index.ts';
import { missedTodo, upcomingTodo } from './facts.ts';
import { tagsOf } from './tags.repository.ts';

/** The days a draft's data is read for, all in the user's time zone. */
export interface DraftDays {
  periodStart: string;
  periodEnd: string;
  timezone: string;
  /** Today, where the user is: a to-do due today or later is not missed yet. */
  today: string;
  /** Upcoming to-dos are due after this day, up to `upcomingUntil`. */
  upcomingAfter: string;
  upcomingUntil: string;
}

const table = sql`${todos}`;

/** What a report draft is made of: the acting user's to-dos and plans around one period. */
export function reportDraftsRepository(db: Executor, userId: string) {
  const live = and(eq(todos.userId, userId), isNull(todos.deletedAt));
  return {
    /** To-dos finished within the period (by the user's calendar), each with its plan's title and its tags. */
    async completed(days: DraftDays) {
      const completedOn = sql<string>`to_char(${todos.completedAt} at time zone ${days.timezone}, 'YYYY-MM-DD')`;
      const rows = await db
        .select({
          id: todos.id,
          title: todos.title,
          summary: todos.summary,
          important: todos.important,
          plan: plans.title,
          completedOn,
        })
        .from(todos)
        .leftJoin(plans, eq(plans.id, todos.planId))
        .where(and(live, eq(todos.status, 'done'), sql`${completedOn} between ${days.periodStart} and ${days.periodEnd}`))
        .orderBy(asc(todos.completedAt));
      const tags = await tagsOf(
        db,
        userId,
        'todo',
        rows.map((t) => t.id),
      );
      return rows.map((t) => ({ ...t, plan: t.plan ?? null, tags: tags.get(t.id) ?? [] }));
    },

    /** Open to-dos that were due in the period and before today: truly missed, not merely still ahead. */
    async missed(days: DraftDays) {
      const rows = await db
        .select({ title: todos.title, dueOn: todos.dueOn })
        .from(todos)
        .where(
          and(
            eq(todos.userId, userId),
            missedTodo(table, sql`${days.today}::date`, sql`${days.periodEnd}::date`),
            sql`${todos.dueOn} >= ${days.periodStart}::date`,
          ),
        )
        .orderBy(asc(todos.dueOn))
        .limit(30);
      return rows.map((t) => ({ title: t.title, dueOn: t.dueOn! }));
    },

    /** Open to-dos due soon, and important ones with no date. */
    upcoming(days: DraftDays) {
      return db
        .select({ title: todos.title, dueOn: todos.dueOn, important: todos.important })
        .from(todos)
        .where(
          and(
            eq(todos.userId, userId),
            or(
              upcomingTodo(table, sql`${days.upcomingAfter}::date`, sql`${days.upcomingUntil}::date`),
              and(live, eq(todos.status, 'open'), eq(todos.important, true), isNull(todos.dueOn)),
            ),
          ),
        )
        .orderBy(sql`${todos.dueOn} nulls last`)
        .limit(20);
    },

    /** Plans under way, with their stored progress. */
    activePlans() {
      return db
        .select({ title: plans.title, targetDate: plans.targetDate, progress: plans.progress })
        .from(plans)
        .where(and(eq(plans.userId, userId), isNull(plans.deletedAt), sql`${plans.status} in ('planned', 'in_progress')`))
        .orderBy(sql`${plans.targetDate} nulls last`, asc(plans.title))
        .limit(20);
    },
  };
}
