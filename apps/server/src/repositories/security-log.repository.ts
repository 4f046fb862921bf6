import { and, desc, eq, sql } from 'drizzle-orm';
import type { SecurityEventKind } from '@career-anchor/contracts';
import type { Executor } from '../db/client.ts';
import { securityEvents } from '../db/schema/index.ts';

export type SecurityEventRow = typeof securityEvents.$inferSelect;

/** The acting user's security log. */
export function securityLogRepository(db: Executor, userId: string) {
  return {
    async add({ kind, ip, userAgent, now }: { kind: SecurityEventKind; ip: string | null; userAgent: string | null; now: Date }) {
      await db.insert(securityEvents).values({ userId, kind, ip, userAgent, createdAt: now });
    },

    /** Newest first, before `before` when given; one row more than `limit`, to tell whether a next page exists. */
    async page(limit: number, before?: Date): Promise<SecurityEventRow[]> {
      return db
        .select()
        .from(securityEvents)
        .where(
          and(
            eq(securityEvents.userId, userId),
            before ? sql`${securityEvents.createdAt} < ${before.toISOString()}::timestamptz` : undefined,
          ),
        )
        .orderBy(desc(securityEvents.createdAt))
        .limit(limit + 1);
    },
  };
}
