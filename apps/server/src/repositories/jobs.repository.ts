import { and, eq, inArray, sql } from 'drizzle-orm';
import type { Executor } from '../db/client.ts';
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

export async function findJobRunById(db: Executor, id: string) {
  const [row] = await db.select().from(jobRuns).where(eq(jobRuns.id, id));
  return row;
}

export async function updateJobRun(
  db: Executor,
  id: string,
  values: Partial<{
    status: JobRunRow['status'];
    progress: number;
    partial: string | null;
    result: unknown;
    error: JobError | null;
    startedAt: Date;
    finishedAt: Date | null;
  }>,
  now: Date,
) {
  const rows = await db
    .update(jobRuns)
    .set({ ...values, updatedAt: now })
    .where(eq(jobRuns.id, id))
    .returning({ id: jobRuns.id });
  return rows.length > 0;
}

/** Appends streamed text without rewriting what is already there. */
export async function appendJobPartial(db: Executor, id: string, text: string, progress: number, now: Date) {
  await db
    .update(jobRuns)
    .set({ partial: sql`coalesce(${jobRuns.partial}, '') || ${text}`, progress, updatedAt: now })
    .where(eq(jobRuns.id, id));
}

export async function listUnfinishedJobRuns(db: Executor, userId: string) {
  return db
    .select({ id: jobRuns.id, kind: jobRuns.kind })
    .from(jobRuns)
    .where(and(eq(jobRuns.userId, userId), inArray(jobRuns.status, ['queued', 'running'])));
}

/** The acting user's jobs, as the queue records them. */
export function jobsRepository(db: Executor, userId: string) {
  return {
    find: (id: string) => findJobRun(db, userId, id),
  };
}
