import { sql } from 'drizzle-orm';
import { check, index, integer, jsonb, pgTable, smallint, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { createdAt, updatedAt } from './columns.ts';
import { users } from './accounts.ts';

/**
 * The user-visible state of a queued job. The queue engine moves the work; this row is what
 * `GET /jobs/{id}` reads, written by whichever worker runs it.
 */
export const jobRuns = pgTable(
  'job_runs',
  {
    /** Same id as the queue's job. */
    id: uuid('id').primaryKey(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    kind: text('kind').notNull(),
    status: text('status').notNull().default('queued'),
    /**
     * Which attempt, from 1: the one running, or while `retrying`, the one to come. Only the worker
     * running this attempt may write the row's progress and outcome (see `jobs.repository.ts`).
     */
    attempt: integer('attempt').notNull().default(1),
    progress: smallint('progress').notNull().default(0),
    /** Streamed text, every attempt's, appended (event ids count its length, which only grows). */
    partial: text('partial'),
    /** Where in `partial` the current attempt's text begins. */
    partialStart: integer('partial_start').notNull().default(0),
    result: jsonb('result'),
    error: jsonb('error').$type<{ title: string; detail?: string }>(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
    /** When a worker first picked it up: created → started is the queue's pickup latency. */
    startedAt: timestamp('started_at', { withTimezone: true }),
    finishedAt: timestamp('finished_at', { withTimezone: true }),
  },
  (t) => [
    index('job_runs_user_idx').on(t.userId, t.createdAt),
    // The sweep that reconciles running rows with the queue reads only these.
    index('job_runs_running_idx')
      .on(t.id)
      .where(sql`${t.status} = 'running'`),
    check('job_runs_status_check', sql`${t.status} in ('queued', 'running', 'retrying', 'succeeded', 'failed')`),
  ],
);
