import { and, desc, eq, gt, isNull, or } from 'drizzle-orm';
import type { Executor } from '../db/client.ts';
import { apiTokens } from '../db/schema/index.ts';
import { idEq } from './conditions.ts';

export type ApiTokenRow = typeof apiTokens.$inferSelect;

/** The acting user's personal API tokens. */
export function apiTokensRepository(db: Executor, userId: string) {
  return {
    async insert(values: Omit<typeof apiTokens.$inferInsert, 'userId'>): Promise<ApiTokenRow> {
      const [row] = await db
        .insert(apiTokens)
        .values({ ...values, userId })
        .returning();
      return row!;
    },

    /** The tokens not revoked, newest first. */
    async list(): Promise<ApiTokenRow[]> {
      return db
        .select()
        .from(apiTokens)
        .where(and(eq(apiTokens.userId, userId), isNull(apiTokens.revokedAt)))
        .orderBy(desc(apiTokens.createdAt));
    },

    /** Whether there was such a token, not yet revoked. */
    async revoke(tokenId: string, now: Date): Promise<boolean> {
      const rows = await db
        .update(apiTokens)
        .set({ revokedAt: now })
        .where(and(idEq(apiTokens.id, tokenId), eq(apiTokens.userId, userId), isNull(apiTokens.revokedAt)))
        .returning({ id: apiTokens.id });
      return rows.length > 0;
    },
  };
}

/** A token found by the secret a request carries: whose it is is what is being looked up. */
export function apiTokensSystem(db: Executor) {
  return {
    async findActive(tokenHash: string, now: Date): Promise<ApiTokenRow | undefined> {
      const [row] = await db
        .select()
        .from(apiTokens)
        .where(
          and(
            eq(apiTokens.tokenHash, tokenHash),
            isNull(apiTokens.revokedAt),
            or(isNull(apiTokens.expiresAt), gt(apiTokens.expiresAt, now)),
          ),
        )
        .limit(1);
      return row;
    },

    async touch(tokenId: string, now: Date) {
      await db.update(apiTokens).set({ lastUsedAt: now }).where(eq(apiTokens.id, tokenId));
    },
  };
}
