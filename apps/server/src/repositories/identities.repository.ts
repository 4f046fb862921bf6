import { and, eq } from 'drizzle-orm';
import type { Executor } from '../db/client.ts';
import { authIdentities } from '../db/schema/index.ts';
import { deleteUserRow } from './conditions.ts';

export type IdentityRow = typeof authIdentities.$inferSelect;

/** The sign-in providers (GitHub, Google) linked to the acting user's account. */
export function identitiesRepository(db: Executor, userId: string) {
  return {
    async list(): Promise<IdentityRow[]> {
      return db.select().from(authIdentities).where(eq(authIdentities.userId, userId)).orderBy(authIdentities.createdAt);
    },

    async insert(values: { provider: string; providerAccountId: string; email: string | null; now: Date }) {
      await db.insert(authIdentities).values({
        userId,
        provider: values.provider,
        providerAccountId: values.providerAccountId,
        email: values.email,
        createdAt: values.now,
      });
    },

    /** Whether the user had such a link. */
    delete: (id: string): Promise<boolean> => deleteUserRow(db, authIdentities, userId, id),
  };
}

/** Signing in with a provider: the provider's account says whose account it opens. */
export function identitiesSystem(db: Executor) {
  return {
    async findOwner(provider: string, providerAccountId: string): Promise<string | undefined> {
      const [row] = await db
        .select({ userId: authIdentities.userId })
        .from(authIdentities)
        .where(and(eq(authIdentities.provider, provider), eq(authIdentities.providerAccountId, providerAccountId)));
      return row?.userId;
    },
  };
}
