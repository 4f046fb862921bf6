import { sql } from 'drizzle-orm';
import {
  boolean,
  check,
  date,
  doublePrecision,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uuid,
  uniqueIndex,
} from 'drizzle-orm/pg-core';
import { createdAt, deletedAt, idColumn, tagNamesColumn, updatedAt } from './columns.ts';
import { users } from './accounts.ts';
import { plans } from './anchor.ts';

export const todos = pgTable(
  'todos',
  {
    id: idColumn(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    title: text('title').notNull(),
    notes: text('notes').notNull().default(''),
    dueOn: date('due_on'),
    /** A time of day on the due date, 'HH:MM' in the user's time zone; null is all day. */
    dueTime: text('due_time'),
    priority: text('priority').notNull().default('normal'),
    important: boolean('important').notNull().default(false),
    planId: uuid('plan_id').references(() => plans.id, { onDelete: 'set null' }),
    status: text('status').notNull().default('open'),
    completedAt: timestamp('completed_at', { withTimezone: true }),
    /** "What did you do and how well": written when the to-do is completed. */
    summary: text('summary').notNull().default(''),
    position: doublePrecision('position').notNull().default(0),
    /** An RFC 5545 RRULE body; each occurrence is its own row (see services/todo-recurrence.ts). */
    recurrence: text('recurrence'),
    /** Shared by the occurrences of one recurring to-do: the first occurrence's id. */
    seriesId: uuid('series_id'),
    /** The date the rule counts from (its DTSTART): the first occurrence's due date, or the date it was last changed to. */
    seriesStart: date('series_start'),
    /** The checklist inside the to-do, in its order. */
    subtasks: jsonb('subtasks').$type<{ id: string; title: string; done: boolean }[]>().notNull().default([]),
    /** Minutes before the due time to remind; null: no timed reminder. */
    remindBefore: integer('remind_before'),
    /** When the timed reminder for the current due time went out; cleared when the due time moves. */
    reminderSentAt: timestamp('reminder_sent_at', { withTimezone: true }),
    /** Folded text for search (lower case, no accents), kept by the database. */
    searchText: text('search_text').generatedAlwaysAs(sql`ca_fold(title || ' ' || notes || ' ' || summary)`),
    searchTitle: text('search_title').generatedAlwaysAs(sql`ca_fold(title)`),
    /** The id this item had in the file it was imported from: importing that file again adds nothing. */
    originId: uuid('origin_id'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
    tagNames: tagNamesColumn(),
    deletedAt: deletedAt(),
  },
  (t) => [
    // The list's access paths, live rows only: by status in the user's order, all in the user's
    // order, and by due date for counts and the "next up" list.
    uniqueIndex('todos_origin_key').on(t.userId, t.originId),
    index('todos_user_status_position_idx')
      .on(t.userId, t.status, t.position, t.id)
      .where(sql`${t.deletedAt} is null`),
    index('todos_user_position_idx')
      .on(t.userId, t.position, t.id)
      .where(sql`${t.deletedAt} is null`),
    index('todos_user_status_due_idx')
      .on(t.userId, t.status, t.dueOn)
      .where(sql`${t.deletedAt} is null`),
    index('todos_user_completed_idx').on(t.userId, t.completedAt),
    // Finished to-dos by when: the activity chart and "done this week" read this index alone.
    index('todos_user_done_idx')
      .on(t.userId, t.completedAt)
      .where(sql`${t.deletedAt} is null and ${t.status} = 'done'`),
    index('todos_search_idx').using('gin', t.searchText.op('gin_trgm_ops')),
    // Plan progress: counts per plan straight from the index.
    index('todos_user_plan_status_idx')
      .on(t.userId, t.planId, t.status)
      .where(sql`${t.deletedAt} is null`),
    // The views (today, upcoming, overdue): open to-dos by due day and time.
    index('todos_user_open_due_idx')
      .on(t.userId, t.dueOn, t.dueTime)
      .where(sql`${t.deletedAt} is null and ${t.status} = 'open'`),
    // Lists in due order (the `due` sort, and text filters within it): walked in order, stopping at
    // a page, instead of sorting every matching row. ca_due_key is the order's one definition.
    index('todos_user_due_key_idx')
      .on(t.userId, sql`(ca_due_key(${t.dueOn}, ${t.dueTime}) collate "C")`, t.id)
      .where(sql`${t.deletedAt} is null`),
    // The occurrences of a series, to find its open one.
    index('todos_series_idx')
      .on(t.seriesId)
      .where(sql`${t.seriesId} is not null`),
    // Timed reminders still to send.
    index('todos_reminder_due_idx')
      .on(t.dueOn)
      .where(
        sql`${t.remindBefore} is not null and ${t.reminderSentAt} is null and ${t.status} = 'open' and ${t.deletedAt} is null`,
      ),
    check(
      'todos_due_time_check',
      sql`${t.dueTime} is null or (${t.dueOn} is not null and ${t.dueTime} ~ '^([01][0-9]|2[0-3]):[0-5][0-9]$')`,
    ),
    check(
      'todos_recurrence_check',
      sql`${t.recurrence} is null or (${t.dueOn} is not null and ${t.seriesId} is not null and ${t.seriesStart} is not null)`,
    ),
    check('todos_remind_before_check', sql`${t.remindBefore} is null or ${t.remindBefore} between 0 and 10080`),
    check('todos_priority_check', sql`${t.priority} in ('low', 'normal', 'high')`),
    check('todos_status_check', sql`${t.status} in ('open', 'done')`),
    check('todos_completion_check', sql`(${t.status} = 'done') = (${t.completedAt} is not null)`),
  ],
);

/**
 * How many open to-dos (not in the trash) each user has per due day, kept by a trigger on `todos`
 * (migration 0014) for every writer. To-dos with no due date are counted under 'infinity'. The
 * anchor page's open, overdue and due-today counts read a few of these rows instead of counting
 * thousands of to-dos (see repositories/facts.ts).
 */
export const todoTallies = pgTable(
  'todo_tallies',
  {
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    dueOn: date('due_on').notNull(),
    open: integer('open').notNull(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.dueOn] })],
);
