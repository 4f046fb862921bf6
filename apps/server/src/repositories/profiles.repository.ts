import { eq, sql } from 'drizzle-orm';
import { readRows, type Db, type Executor } from '../db/client.ts';
import { profiles, users } from '../db/schema/index.ts';

export type ProfileRow = typeof profiles.$inferSelect;

export async function findProfile(db: Executor, userId: string) {
  const [row] = await db
    .select({ profile: profiles, displayName: users.displayName })
    .from(profiles)
    .innerJoin(users, eq(users.id, profiles.userId))
    .where(eq(profiles.userId, userId));
  return row;
}

/** The user's time zone (read on many requests: a statement of its own, no query builder). */
export async function findTimezone(db: Db, userId: string): Promise<string> {
  const [row] = await readRows<{ timezone: string }>(db, 'select timezone from profiles where user_id = $1', [userId]);
  return row?.timezone ?? 'UTC';
}

export async function updateProfile(db: Executor, userId: string, values: Partial<typeof profiles.$inferInsert>, now: Date) {
  await db
    .update(profiles)
    .set({ ...values, updatedAt: now })
    .where(eq(profiles.userId, userId));
}

export async function updateDisplayName(db: Executor, userId: string, displayName: string, now: Date) {
  await db.update(users).set({ displayName, updatedAt: now }).where(eq(users.id, userId));
}

export async function isHandleTaken(db: Executor, userId: string, handle: string): Promise<boolean> {
  const [row] = await db
    .select({ userId: profiles.userId })
    .from(profiles)
    .where(sql`lower(${profiles.handle}) = lower(${handle}) and ${profiles.userId} <> ${userId}`)
    .limit(1);
  return Boolean(row);
}
