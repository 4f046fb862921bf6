import { inArray, sql } from 'drizzle-orm';
import type { Executor } from '../db/client.ts';
import { authThrottle } from '../db/schema/index.ts';

export async function findThrottleRows(db: Executor, keys: string[]) {
  return db.select().from(authThrottle).where(inArray(authThrottle.key, keys));
}

/** Counts one more failure; a window older than `windowStart` starts over at one. */
export async function addThrottleFailure(db: Executor, key: string, now: Date, windowStart: Date) {
  await db
    .insert(authThrottle)
    .values({ key, failures: 1, windowStartedAt: now })
    .onConflictDoUpdate({
      target: authThrottle.key,
      set: {
        failures: sql`case when ${authThrottle.windowStartedAt} <= ${windowStart} then 1 else ${authThrottle.failures} + 1 end`,
        windowStartedAt: sql`case when ${authThrottle.windowStartedAt} <= ${windowStart} then ${now} else ${authThrottle.windowStartedAt} end`,
      },
    });
}

export async function clearThrottle(db: Executor, key: string) {
  await db.delete(authThrottle).where(inArray(authThrottle.key, [key]));
}

export async function deleteStaleThrottles(db: Executor, windowStart: Date) {
  await db.delete(authThrottle).where(sql`${authThrottle.windowStartedAt} <= ${windowStart}`);
}
