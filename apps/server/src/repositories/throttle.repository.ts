import { and, eq, gt, inArray, sql } from 'drizzle-orm';
import type { Executor } from '../db/client.ts';
import { authThrottle } from '../db/schema/index.ts';

/** Attempt counters, keyed by address and IP: they exist before anyone is signed in. */
export function throttleSystem(db: Executor) {
  return {
    /**
     * Takes one attempt in a single statement, so attempts running at the same time cannot all
     * pass: a window older than `windowStart` starts over at one; a full window is left as it is
     * and the attempt is refused (`taken: false`). Answers when the window began, for Retry-After.
     */
    async take(key: string, limit: number, now: Date, windowStart: Date) {
      const expired = sql`${authThrottle.windowStartedAt} <= ${windowStart}`;
      const [taken] = await db
        .insert(authThrottle)
        .values({ key, failures: 1, windowStartedAt: now })
        .onConflictDoUpdate({
          target: authThrottle.key,
          set: {
            failures: sql`case when ${expired} then 1 else ${authThrottle.failures} + 1 end`,
            windowStartedAt: sql`case when ${expired} then ${now} else ${authThrottle.windowStartedAt} end`,
          },
          setWhere: sql`${expired} or ${authThrottle.failures} < ${limit}`,
        })
        .returning({ windowStartedAt: authThrottle.windowStartedAt });
      if (taken) return { taken: true, windowStartedAt: taken.windowStartedAt };
      const [full] = await db
        .select({ windowStartedAt: authThrottle.windowStartedAt })
        .from(authThrottle)
        .where(eq(authThrottle.key, key));
      return { taken: false, windowStartedAt: full?.windowStartedAt ?? now };
    },

    /** Gives back one attempt taken in the window that began at `windowStartedAt` (not in a later one). */
    async giveBack(key: string, windowStartedAt: Date) {
      await db
        .update(authThrottle)
        .set({ failures: sql`${authThrottle.failures} - 1` })
        .where(and(eq(authThrottle.key, key), eq(authThrottle.windowStartedAt, windowStartedAt), gt(authThrottle.failures, 0)));
    },

    async clear(key: string) {
      await db.delete(authThrottle).where(inArray(authThrottle.key, [key]));
    },

    async deleteStale(windowStart: Date) {
      await db.delete(authThrottle).where(sql`${authThrottle.windowStartedAt} <= ${windowStart}`);
    },
  };
}
