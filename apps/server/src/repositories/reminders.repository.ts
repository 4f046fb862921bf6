import { sql, type SQL } from 'drizzle-orm';
import { queryRows, type Db, type Executor } from '../db/client.ts';
import { uuidv7 } from '../lib/ids.ts';
import { dueTodayTodo, overdueTodo, timedReminderAt, timedReminderPending } from './facts.ts';

/**
 * The facts the reminder schedule decides on, for one batch of users at a time (a sweep across
 * users: no acting user). Each statement takes the batch as arrays of per-user values, so one
 * query serves the whole batch; whether a reminder is due, and its words, are the service's.
 */

/** A user of the batch as the schedule sees them: their clock, language and stored settings. */
export interface SweepUser {
  userId: string;
  locale: string;
  /** Stored reminder settings, before defaults. */
  reminders: Record<string, unknown>;
  /** Local date and time now, `YYYY-MM-DDTHH:MM`. */
  localNow: string;
  /** The local date the account was made. */
  joinedOn: string;
}

export interface NewNotification {
  userId: string;
  kind: string;
  title: string;
  body: string;
  link: string;
  data: Record<string, unknown>;
  dedupeKey: string;
  channels: string[];
}

export interface CreatedNotification {
  id: string;
  userId: string;
  channels: string[];
}

/** A to-do whose timed reminder this worker claimed, with what its words and channels need. */
export interface ClaimedReminder {
  todoId: string;
  userId: string;
  title: string;
  dueOn: string;
  dueTime: string;
  remindBefore: number;
  locale: string;
  /** Stored reminder settings, before defaults. */
  reminders: Record<string, unknown>;
  /** Its moment passed longer ago than the grace period: marked sent, not to be sent. */
  stale: boolean;
}

export interface PlanAtRisk {
  userId: string;
  planId: string;
  title: string;
  targetDate: string;
  remaining: number;
  recent: number;
  projected: string | null;
}

/** `(user_id, value)` rows from two parallel arrays: the batch with one value per user. */
const perUser = (userIds: string[], values: unknown[], type: 'date' | 'int' | 'text') =>
  sql`unnest(${sql.param(userIds)}::uuid[], ${sql.param(values)}::${sql.raw(type)}[]) as u(user_id, value)`;

/**
 * Plans in progress whose projected finish, at the pace of the last 28 days, falls after their
 * target date (and the target is within 30 days, or passed), from the stored counts of their
 * to-dos. Each user's `today` is their own date. Shared by the reminder and the insight.
 */
export function plansAtRisk(db: Executor, users: { userId: string; today: string }[], now: Date) {
  if (!users.length) return Promise.resolve([]);
  return queryRows<PlanAtRisk>(
    db,
    sql`select pl.user_id as "userId", pl.id as "planId", pl.title, pl.target_date::text as "targetDate",
               pl.todo_total - pl.todo_done as remaining, c.recent,
               case when c.recent > 0 then (u.value + ceil((pl.todo_total - pl.todo_done) * 28.0 / c.recent)::int)::text end as projected
        from ${perUser(
          users.map((u) => u.userId),
          users.map((u) => u.today),
          'date',
        )}
        join plans pl on pl.user_id = u.user_id and pl.deleted_at is null and pl.status in ('planned', 'in_progress')
          and pl.target_date is not null
        cross join lateral (
          select count(*)::int as recent
          from todos t where t.user_id = pl.user_id and t.plan_id = pl.id and t.deleted_at is null
            and t.status = 'done' and t.completed_at >= ${now.toISOString()}::timestamptz - interval '28 days'
        ) c
        where pl.todo_total > pl.todo_done and pl.target_date <= u.value + 30
          and (c.recent = 0 or u.value + ceil((pl.todo_total - pl.todo_done) * 28.0 / c.recent)::int > pl.target_date)
        order by pl.target_date, pl.id`,
  );
}

/** Whole days since a moment, as of `now`. */
const daysSince = (moment: SQL, now: Date) =>
  sql`floor(extract(epoch from (${now.toISOString()}::timestamptz - ${moment})) / 86400)::int`;

export function remindersSweep(db: Db) {
  return {
    /** Users, in id order after `after`, for the next batch. */
    async nextUserBatch(after: string | null, size: number): Promise<string[]> {
      const rows = await queryRows<{ id: string }>(
        db,
        sql`select id from users ${after ? sql`where id > ${after}::uuid` : sql``} order by id limit ${size}`,
      );
      return rows.map((row) => row.id);
    },

    /** Runs `work` in one transaction, with this sweep's queries and the executor for queueing. */
    inTransaction: <T>(work: (sweep: BatchFacts, tx: Executor) => Promise<T>) => db.transaction((tx) => work(batchFacts(tx), tx)),
  };
}

export type BatchFacts = ReturnType<typeof batchFacts>;

function batchFacts(db: Executor) {
  /**
   * Items (joined as `x`) whose last activity is at least each user's number of days ago, with
   * their title and whole days idle.
   */
  function idleFor<Id>(users: { userId: string; days: number }[], now: Date, items: SQL, lastActivity: SQL, id: SQL) {
    if (!users.length) return Promise.resolve([]);
    return queryRows<Id & { userId: string; title: string; idleDays: number }>(
      db,
      sql`select u.user_id as "userId", ${id}, x.title, d.idle as "idleDays"
          from ${perUser(
            users.map((u) => u.userId),
            users.map((u) => u.days),
            'int',
          )}
          join ${items}
          cross join lateral (select ${daysSince(lastActivity, now)} as idle) d
          where d.idle >= u.value`,
    );
  }

  return {
    /** The batch's users with their local time, language and stored reminder settings. */
    users(userIds: string[], now: Date) {
      return queryRows<SweepUser>(
        db,
        sql`select p.user_id as "userId", p.locale, coalesce(s.reminders, '{}'::jsonb) as reminders,
                   to_char(${now.toISOString()}::timestamptz at time zone p.timezone, 'YYYY-MM-DD"T"HH24:MI') as "localNow",
                   (u.created_at at time zone p.timezone)::date::text as "joinedOn"
            from profiles p join users u on u.id = p.user_id join user_settings s on s.user_id = p.user_id
            where p.user_id = any(${sql.param(userIds)}::uuid[])`,
      );
    },

    /** Users who have a report overlapping the week starting on their given day. */
    async withReportFor(weeks: { userId: string; weekStart: string }[]): Promise<Set<string>> {
      if (!weeks.length) return new Set();
      const rows = await queryRows<{ userId: string }>(
        db,
        sql`select u.user_id as "userId" from ${perUser(
          weeks.map((w) => w.userId),
          weeks.map((w) => w.weekStart),
          'date',
        )}
            where exists (select 1 from reports rp where rp.user_id = u.user_id and rp.deleted_at is null
                          and rp.period_start <= u.value + 6 and rp.period_end >= u.value)`,
      );
      return new Set(rows.map((row) => row.userId));
    },

    /** Each user's count of open to-dos due on their today, and overdue. */
    dueCounts(users: { userId: string; today: string }[]) {
      if (!users.length) return Promise.resolve([]);
      return queryRows<{ userId: string; dueToday: number; overdue: number }>(
        db,
        sql`select u.user_id as "userId",
                   count(t.id) filter (where ${dueTodayTodo(sql`t`, sql`u.value`)})::int as "dueToday",
                   count(t.id) filter (where ${overdueTodo(sql`t`, sql`u.value`)})::int as overdue
            from ${perUser(
              users.map((u) => u.userId),
              users.map((u) => u.today),
              'date',
            )}
            left join todos t on t.user_id = u.user_id
              and (${dueTodayTodo(sql`t`, sql`u.value`)} or ${overdueTodo(sql`t`, sql`u.value`)})
            group by u.user_id`,
      );
    },

    /** Plans in progress with no activity (the plan or its to-dos) for at least each user's number of days. */
    stalePlans: (users: { userId: string; days: number }[], now: Date) =>
      idleFor<{ planId: string }>(
        users,
        now,
        sql`plans x on x.user_id = u.user_id and x.deleted_at is null and x.status in ('planned', 'in_progress')`,
        sql`greatest(x.updated_at, (select max(t.updated_at) from todos t
            where t.user_id = x.user_id and t.plan_id = x.id and t.deleted_at is null))`,
        sql`x.id as "planId"`,
      ),

    plansAtRisk: (users: { userId: string; today: string }[], now: Date) => plansAtRisk(db, users, now),

    /** Active focus items unchanged for at least each user's number of days. */
    idleFocus: (users: { userId: string; days: number }[], now: Date) =>
      idleFor<{ focusItemId: string }>(
        users,
        now,
        sql`focus_items x on x.user_id = u.user_id and x.deleted_at is null and x.status = 'active'`,
        sql`x.updated_at`,
        sql`x.id as "focusItemId"`,
      ),

    /**
     * Claims up to `limit` to-dos whose timed reminder is due at `now` (`timedReminderAt`): each is
     * marked sent in this one statement, and rows another worker holds are skipped, so however
     * many workers run it, each reminder is claimed by one. One whose moment passed more than
     * `graceMinutes` ago comes back `stale`. Rolls back with the caller's transaction.
     */
    claimTimedReminders(now: Date, limit: number, graceMinutes: number) {
      const at = sql`${now.toISOString()}::timestamptz`;
      // The partial index holds only pending reminders; an offset is at most 7 days and a zone
      // at most 14 hours from UTC, so nothing due later than 9 days from now can be due yet.
      return queryRows<ClaimedReminder>(
        db,
        sql`with due as (
              select t.id from todos t join profiles p on p.user_id = t.user_id
              where ${timedReminderPending(sql`t`)} and t.due_on <= (${at} at time zone 'UTC')::date + 9
                and ${timedReminderAt(sql`t`, sql`p.timezone`)} <= ${at}
              order by t.due_on, t.due_time, t.id
              limit ${limit}
              for update of t skip locked)
            update todos t set reminder_sent_at = ${at}
            from due, profiles p, user_settings s
            where t.id = due.id and p.user_id = t.user_id and s.user_id = t.user_id and t.reminder_sent_at is null
            returning t.id as "todoId", t.user_id as "userId", t.title, t.due_on::text as "dueOn", t.due_time as "dueTime",
                      t.remind_before as "remindBefore", p.locale, coalesce(s.reminders, '{}'::jsonb) as reminders,
                      ${timedReminderAt(sql`t`, sql`p.timezone`)} < ${at} - make_interval(mins => ${graceMinutes}) as stale`,
      );
    },

    /** Users who already have a notification with their given dedupe key. */
    async withNotification(keys: { userId: string; dedupeKey: string }[]): Promise<Set<string>> {
      if (!keys.length) return new Set();
      const rows = await queryRows<{ userId: string }>(
        db,
        sql`select u.user_id as "userId" from ${perUser(
          keys.map((k) => k.userId),
          keys.map((k) => k.dedupeKey),
          'text',
        )}
            where exists (select 1 from notifications n where n.user_id = u.user_id and n.dedupe_key = u.value)`,
      );
      return new Set(rows.map((row) => row.userId));
    },

    /**
     * Inserts the notifications; one whose (user, dedupe key) exists already is skipped, so each
     * exists at most once however many workers run the same pass. Returns those created.
     */
    insert(rows: NewNotification[], now: Date) {
      if (!rows.length) return Promise.resolve([]);
      return queryRows<CreatedNotification>(
        db,
        sql`insert into notifications (id, user_id, kind, title, body, link, data, dedupe_key, channels, created_at)
            select r.id, r."userId", r.kind, r.title, r.body, r.link, r.data, r."dedupeKey",
                   array(select jsonb_array_elements_text(r.channels)), ${now.toISOString()}::timestamptz
            from jsonb_to_recordset(${JSON.stringify(rows.map((row) => ({ ...row, id: uuidv7() })))}::jsonb)
              as r(id uuid, "userId" uuid, kind text, title text, body text, link text, data jsonb, "dedupeKey" text, channels jsonb)
            on conflict (user_id, dedupe_key) do nothing
            returning id, user_id as "userId", channels`,
      );
    },
  };
}
