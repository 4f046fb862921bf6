import { sql, type SQL } from 'drizzle-orm';
import { PgDialect } from 'drizzle-orm/pg-core';

/**
 * The product's derived facts, each defined once. Every surface that shows one — anchor page,
 * lists, public page, drafts, charts, reminders, insights, export — builds its query from these,
 * so no two can disagree. A plan's progress is the stored column `plans.progress`
 * (`ca_progress(done, total)` in migration 0012, kept by a trigger as to-dos change).
 *
 * Each builder takes SQL expressions (a table name, a parameter, a date) and returns a condition
 * or a subquery; `asText` renders one for statements written as text with `$n` placeholders.
 */

/**
 * A to-do still to do: open and not in the trash. The trigger that keeps `todo_tallies`
 * (migration 0014) counts by the same condition; `test/derived-copies.test.ts` holds the two together.
 */
const open = (t: SQL) => sql`${t}.status = 'open' and ${t}.deleted_at is null`;

/** Open and due before `today` (the user's own date). */
export const overdueTodo = (t: SQL, today: SQL) => sql`${open(t)} and ${t}.due_on < ${today}`;

/** Open and due on `today`. */
export const dueTodayTodo = (t: SQL, today: SQL) => sql`${open(t)} and ${t}.due_on = ${today}`;

/**
 * A user's open, due-today and overdue to-do counts in one row (`open`, `dueToday`, `overdue`), read
 * from `todo_tallies`: open to-dos per due day, kept by a trigger as they change, so the anchor page
 * reads a few rows instead of counting thousands. The same facts as `overdueTodo` and `dueTodayTodo`.
 */
export const openTodoCounts = (userId: SQL, today: SQL) =>
  sql`select coalesce(sum(open), 0)::int as open,
             coalesce(sum(open) filter (where due_on = ${today}), 0)::int as "dueToday",
             coalesce(sum(open) filter (where due_on < ${today}), 0)::int as overdue
      from todo_tallies where user_id = ${userId}`;

/**
 * Missed in a period: open, due by the period's end, and due before today — a to-do due later in
 * a period that is still running is not missed yet.
 */
export const missedTodo = (t: SQL, today: SQL, periodEnd: SQL) => sql`${overdueTodo(t, today)} and ${t}.due_on <= ${periodEnd}`;

/** Upcoming: open and due after `after` up to `until`, both inclusive of the later day. */
export const upcomingTodo = (t: SQL, after: SQL, until: SQL) =>
  sql`${open(t)} and ${t}.due_on > ${after} and ${t}.due_on <= ${until}`;

/**
 * The instant a timed to-do is due: its date and 'HH:MM' read on the wall clock of `timezone`
 * (the user's). A time skipped by a spring-forward change reads with the offset before it, so it
 * lands after the gap, as `zonedDateTimeToInstant` (quick-add) places it.
 */
export const dueInstant = (t: SQL, timezone: SQL) => sql`((${t}.due_on + ${t}.due_time::time) at time zone ${timezone})`;

/**
 * When a to-do's timed reminder falls due: `remind_before` minutes before its due instant. Only
 * for an open, live to-do with a due time and an offset whose reminder has not gone out.
 */
export const timedReminderAt = (t: SQL, timezone: SQL) =>
  sql`(${dueInstant(t, timezone)} - make_interval(mins => ${t}.remind_before))`;
export const timedReminderPending = (t: SQL) =>
  sql`${open(t)} and ${t}.due_time is not null and ${t}.remind_before is not null and ${t}.reminder_sent_at is null`;

/** How many days after today the to-do list's Upcoming view reaches. */
export const UPCOMING_DAYS = 7;

/**
 * The to-do list's views on the user's calendar (`today` is their date). Today holds what is due
 * today and what is overdue: a to-do left undone stays in sight until it is done or moved, as
 * Today does in most to-do apps. Due times do not change which view a to-do is in: it is overdue
 * the day after its due date, like everywhere else in the product (`overdueTodo`).
 */
export const todoView = (view: 'today' | 'upcoming' | 'overdue' | 'inbox', t: SQL, today: SQL): SQL => {
  switch (view) {
    case 'today':
      return sql`${open(t)} and ${t}.due_on <= ${today}`;
    case 'upcoming':
      return upcomingTodo(t, today, sql`${today} + ${sql.raw(String(UPCOMING_DAYS))}`);
    case 'overdue':
      return overdueTodo(t, today);
    case 'inbox':
      return sql`${open(t)} and ${t}.due_on is null`;
  }
};

/** A plan's progress for counts other than the live ones (the progress chart's past days). */
export const progressOf = (done: SQL, total: SQL) => sql`ca_progress(${done}, ${total})`;

/**
 * Skills, each time one is shown: one row per skill of each live achievement, dated by when it was
 * achieved (or added, in the user's zone). Only achievements carry skills: never tags, never the
 * suggestions that became those achievements (they would count twice).
 */
export const skillOccurrences = (userId: SQL, timezone: SQL, options: { publicOnly?: boolean } = {}) =>
  sql`select unnest(a.skills) as skill, coalesce(a.achieved_on, (a.created_at at time zone ${timezone})::date) as on_day
      from achievements a
      where a.user_id = ${userId} and a.deleted_at is null${options.publicOnly ? sql` and a.is_public` : sql``}`;

/** What `skillEvidence` gives for one skill name. */
export interface SkillEvidenceRow {
  name: string;
  achievement_count: number;
  achievement_ids: string[];
  todo_count: number;
  todo_ids: string[];
}

/** How many ids of each kind of evidence a skill shows: the most recent. */
export const EVIDENCE_IDS = 20;

/**
 * The evidence for skills (career entries of the skills section), one row per name in `names`:
 *
 * - achievements: the user's live achievements that list the skill among their `skills`,
 *   compared trimmed and ignoring case; the most recent first (by when achieved, else added).
 * - to-dos: the done, live to-dos those achievements came from. A finished important to-do
 *   prompts a suggestion that records it (`trigger_kind = 'todo_completed'`, `trigger_id`), and
 *   accepting the suggestion records the achievement it became (`result_id`): that link, and no
 *   other, ties a to-do to an achievement. Most recently finished first.
 *
 * Computed, never stored, and never from tags: a skill is evidenced by work, not by a label.
 */
export const skillEvidence = (userId: SQL, names: SQL) =>
  sql`with wanted as (select distinct n as name, lower(btrim(n)) as skill from unnest(${names}) as n),
    achieved as (
      select distinct w.name, a.id, coalesce(a.achieved_on, a.created_at::date) as on_day, a.created_at
      from achievements a cross join lateral unnest(a.skills) as s(skill)
      join wanted w on w.skill = lower(btrim(s.skill))
      where a.user_id = ${userId} and a.deleted_at is null),
    done as (
      select distinct x.name, t.id, t.completed_at
      from achieved x
      join suggestions g on g.user_id = ${userId} and g.result_id = x.id
        and g.status = 'accepted' and g.trigger_kind = 'todo_completed'
      join todos t on t.id = g.trigger_id and t.user_id = ${userId} and t.status = 'done' and t.deleted_at is null)
    select w.name,
      (select count(*)::int from achieved x where x.name = w.name) as achievement_count,
      array(select x.id::text from achieved x where x.name = w.name
            order by x.on_day desc, x.created_at desc, x.id desc limit ${sql.raw(String(EVIDENCE_IDS))}) as achievement_ids,
      (select count(*)::int from done d where d.name = w.name) as todo_count,
      array(select d.id::text from done d where d.name = w.name
            order by d.completed_at desc, d.id desc limit ${sql.raw(String(EVIDENCE_IDS))}) as todo_ids
    from wanted w`;

/**
 * A streak: how many local days (or ISO weeks) in a row, up to `today`'s, each had at least one
 * finished to-do. A run that ended yesterday (or last week) still stands: today's may yet come.
 * A scalar subquery; every surface that shows a streak counts it with this.
 */
export const completionStreak = (userId: SQL, timezone: SQL, today: SQL, unit: 'day' | 'week') => {
  const step = sql.raw(unit === 'day' ? '1' : '7');
  const period = (day: SQL) => (unit === 'day' ? day : sql`date_trunc('week', ${day}::timestamp)::date`);
  return sql`(with periods as (
      select distinct ${period(sql`(t.completed_at at time zone ${timezone})::date`)} as p
      from todos t where t.user_id = ${userId} and t.deleted_at is null and t.status = 'done' and t.completed_at is not null),
    runs as (select p, p - (row_number() over (order by p))::int * ${step} as grp from periods)
    select count(*)::int from runs where grp = (
      select grp from runs where p in (${period(today)}, ${period(today)} - ${step}) order by p desc limit 1))`;
};

const dialect = new PgDialect();

/** A fact built with raw parts only (names, `$n` placeholders) as text, for statements built once. */
export function asText(fragment: SQL): string {
  const query = dialect.sqlToQuery(fragment);
  if (query.params.length) throw new Error('asText takes raw parts only; pass values as $n placeholders');
  return query.sql;
}

/** A raw SQL part: a table name or a `$n` placeholder, for `asText`. */
export const raw = (text: string) => sql.raw(text);
