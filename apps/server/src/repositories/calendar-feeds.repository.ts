import { and, eq, isNull, lt, or, sql, type SQL } from 'drizzle-orm';
import { queryRows, type Executor } from '../db/client.ts';
import { calendarFeeds } from '../db/schema/index.ts';

/** A moment as an iCalendar UTC date-time, `YYYYMMDDTHHMMSSZ`. */
const utcStamp = (moment: SQL) => sql`to_char(${moment} at time zone 'UTC', 'YYYYMMDD"T"HH24MISS"Z"')`;

export type CalendarFeedRow = typeof calendarFeeds.$inferSelect;

/** A to-do as the feed shows it. */
export interface FeedTodo {
  id: string;
  title: string;
  notes: string;
  dueOn: string;
  dueTime: string | null;
  recurrence: string | null;
  seriesStart: string | null;
  status: string;
  /** `YYYYMMDDTHHMMSSZ` */
  updatedAt: string;
}

/** A plan's target date as the feed shows it. */
export interface FeedPlan {
  id: string;
  title: string;
  description: string;
  targetDate: string;
  status: string;
  /** `YYYYMMDDTHHMMSSZ` */
  updatedAt: string;
}

/** The acting user's calendar feed and what it shows. */
export function calendarFeedsRepository(db: Executor, userId: string) {
  const mine = eq(calendarFeeds.userId, userId);
  return {
    async find(): Promise<CalendarFeedRow | undefined> {
      const [row] = await db.select().from(calendarFeeds).where(mine);
      return row;
    },

    /** Makes the feed, or gives it a new token: the old one stops working with this write. */
    async replace(values: { tokenHash: string; tokenSealed: string }, now: Date): Promise<CalendarFeedRow> {
      const [row] = await db
        .insert(calendarFeeds)
        .values({ userId, ...values, createdAt: now })
        .onConflictDoUpdate({ target: calendarFeeds.userId, set: { ...values, createdAt: now, lastFetchedAt: null } })
        .returning();
      return row!;
    },

    async remove(): Promise<boolean> {
      const rows = await db.delete(calendarFeeds).where(mine).returning({ userId: calendarFeeds.userId });
      return rows.length > 0;
    },

    /** The user's time zone and name, for the calendar's own properties. */
    async owner() {
      const [row] = await queryRows<{ timezone: string; locale: string; displayName: string }>(
        db,
        sql`select p.timezone, p.locale, u.display_name as "displayName" from users u join profiles p on p.user_id = u.id where u.id = ${userId}`,
      );
      return row;
    },

    /**
     * Live to-dos with a due date: open ones, and those finished since `doneSince`; at most
     * `limit`, the soonest due first (open before done on a day).
     */
    todos(doneSince: Date, limit: number) {
      return queryRows<FeedTodo>(
        db,
        sql`select id, title, notes, due_on::text as "dueOn", due_time as "dueTime", recurrence,
                   series_start::text as "seriesStart", status, ${utcStamp(sql`updated_at`)} as "updatedAt"
            from todos
            where user_id = ${userId} and deleted_at is null and due_on is not null
              and (status = 'open' or completed_at >= ${doneSince.toISOString()}::timestamptz)
            order by due_on, status desc, due_time nulls first, id
            limit ${limit}`,
      );
    },

    /** Live plans with a target date, at most `limit`, the soonest first. */
    plans(limit: number) {
      return queryRows<FeedPlan>(
        db,
        sql`select id, title, description, target_date::text as "targetDate", status, ${utcStamp(sql`updated_at`)} as "updatedAt"
            from plans where user_id = ${userId} and deleted_at is null and target_date is not null
              and status <> 'dropped'
            order by target_date, id
            limit ${limit}`,
      );
    },
  };
}

/** A feed found by the token its address carries: whose it is is what is being looked up. */
export function calendarFeedsSystem(db: Executor) {
  return {
    async findByHash(tokenHash: string): Promise<CalendarFeedRow | undefined> {
      const [row] = await db.select().from(calendarFeeds).where(eq(calendarFeeds.tokenHash, tokenHash));
      return row;
    },

    /** Records a read, at most once a minute (calendars poll; each read need not be a write). */
    async touch(userId: string, now: Date) {
      await db
        .update(calendarFeeds)
        .set({ lastFetchedAt: now })
        .where(
          and(
            eq(calendarFeeds.userId, userId),
            or(isNull(calendarFeeds.lastFetchedAt), lt(calendarFeeds.lastFetchedAt, new Date(now.getTime() - 60_000))),
          ),
        );
    },
  };
}
