import { and, eq, inArray, lte, sql } from 'drizzle-orm';
import { queryRows, type Executor } from '../db/client.ts';
import { jobRuns } from '../db/schema/index.ts';
import { idEq } from './conditions.ts';

export type JobRunRow = typeof jobRuns.$inferSelect;
type JobError = { title: string; detail?: string };

export async function insertJobRun(db: Executor, values: { id: string; userId: string; kind: string; now: Date }) {
  await db
    .insert(jobRuns)
    .values({ id: values.id, userId: values.userId, kind: values.kind, createdAt: values.now, updatedAt: values.now });
}

async function findJobRun(db: Executor, userId: string, id: string) {
  const [row] = await db
    .select()
    .from(jobRuns)
    .where(and(idEq(jobRuns.id, id), eq(jobRuns.userId, userId)));
  return row;
}

type AttemptValues = Partial<{
  status: JobRunRow['status'];
  attempt: number;
  progress: number;
  result: unknown;
  error: JobError | null;
  finishedAt: Date;
}>;

/**
 * The job's row for attempt `attempt` (from 1), which has just been claimed from the queue: running,
 * from where its streamed text now ends. Refused (false) when the job has ended or a later attempt
 * has it, or the row is gone (the account was deleted).
 */
export async function startAttempt(db: Executor, id: string, attempt: number, now: Date) {
  const rows = await db
    .update(jobRuns)
    .set({
      status: 'running',
      attempt,
      error: null,
      partialStart: sql`coalesce(length(${jobRuns.partial}), 0)`,
      startedAt: sql`coalesce(${jobRuns.startedAt}, ${now})`,
      updatedAt: now,
    })
    .where(and(eq(jobRuns.id, id), inArray(jobRuns.status, ['queued', 'running', 'retrying']), lte(jobRuns.attempt, attempt)))
    .returning({ id: jobRuns.id });
  return rows.length > 0;
}

/** Rows an attempt may still write: it is running, and it is this attempt. */
const heldBy = (id: string, attempt: number) =>
  and(eq(jobRuns.id, id), eq(jobRuns.attempt, attempt), eq(jobRuns.status, 'running'));

/**
 * Writes what attempt `attempt` reports — progress, its outcome, its interruption — only while that
 * attempt holds the job, so a worker that was given up on can never overwrite the next attempt's
 * work or outcome. False when it no longer holds it.
 */
export async function updateAttempt(db: Executor, id: string, attempt: number, values: AttemptValues, now: Date) {
  const rows = await db
    .update(jobRuns)
    .set({ ...values, updatedAt: now })
    .where(heldBy(id, attempt))
    .returning({ id: jobRuns.id });
  return rows.length > 0;
}

/** Appends streamed text without rewriting what is already there; false when the attempt lost the job. */
export async function appendAttemptText(db: Executor, id: string, attempt: number, text: string, progress: number, now: Date) {
  const rows = await db
    .update(jobRuns)
    .set({ partial: sql`coalesce(${jobRuns.partial}, '') || ${text}`, progress, updatedAt: now })
    .where(heldBy(id, attempt))
    .returning({ id: jobRuns.id });
  return rows.length > 0;
}

/** A claimed attempt in the queue (pg-boss): `retryCount` is 0 on the first attempt. */
export interface QueueAttempt {
  id: string;
  name: string;
  retryCount: number;
  /** Retries the job may have; none is left when `retryCount` has reached it. */
  retryLimit: number;
}

/**
 * Attempts the queue holds as running, in the named queues, whose worker has gone silent: no
 * heartbeat for `silentSeconds`; or, with `silentSeconds` null, every one of them (when no other
 * process can be running one: the embedded database, at start). Read from pg-boss's own table,
 * whose heartbeat column its workers refresh while a job runs.
 */
export function findSilentAttempts(db: Executor, names: string[], silentSeconds: number | null): Promise<QueueAttempt[]> {
  return queryRows<QueueAttempt>(
    db,
    sql`select id::text as id, name, retry_count as "retryCount", retry_limit as "retryLimit" from pgboss.job
        where name in ${names} and state = 'active'
          ${silentSeconds === null ? sql`` : sql`and heartbeat_seconds is not null and heartbeat_on < now() - ${silentSeconds}::int * interval '1 second'`}
        limit 200`,
  );
}

/**
 * Rows shown as running whose attempt the queue no longer holds as running (it gave up on a silent
 * worker, or the job timed out): what the queue did with the job instead, so the row can say so.
 */
export function findStrandedRuns(db: Executor) {
  return queryRows<{ id: string; kind: string; attempt: number; queueState: string | null }>(
    db,
    sql`select r.id::text as id, r.kind, r.attempt, j.state::text as "queueState"
        from job_runs r left join pgboss.job j on j.name = r.kind and j.id = r.id
        where r.status = 'running' and (j.id is null or j.state <> 'active' or j.retry_count + 1 <> r.attempt)
        limit 200`,
  );
}

export async function listUnfinishedJobRuns(db: Executor, userId: string) {
  return db
    .select({ id: jobRuns.id, kind: jobRuns.kind })
    .from(jobRuns)
    .where(and(eq(jobRuns.userId, userId), inArray(jobRuns.status, ['queued', 'running', 'retrying'])));
}

/** The acting user's jobs, as the queue records them. */
export function jobsRepository(db: Executor, userId: string) {
  return {
    find: (id: string) => findJobRun(db, userId, id),
  };
}
