import { inArray, sql } from 'drizzle-orm';
import type { Executor } from '../db/client.ts';
import { authThrottle } from '../db/schema/index.ts';

/** Failed sign-in counters, keyed by address and IP: they exist before anyone is signed in. */
export function throttleSystem(db: Executor) {
  return {
    async find(keys: string[]) {
      return db.select().from(authThrottle).where(inArray(authThrottle.key, keys));
    },

    /** Counts one more failure; a window older than `windowStart` starts over at one. */
    async addFailure(key: string, now: Date, windowStart: Date) {
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
    },

    async clear(key: string) {
      await db.delete(authThrottle).where(inArray(authThrottle.key, [key]));
    },

    async deleteStale(windowStart: Date) {
      await db.delete(authThrottle).where(sql`${authThrottle.windowStartedAt} <= ${windowStart}`);
    },
  };
}
