import { eq, sql } from 'drizzle-orm';
import type { Executor } from '../db/client.ts';
import { profiles, userSettings, users } from '../db/schema/index.ts';
import type { SessionCache } from '../lib/session-cache.ts';

export type UserRow = typeof users.$inferSelect;

/** What the person can sign in with; see `hasWayIn` in the accounts service. */
export interface WaysIn {
  password: boolean;
  providers: number;
  passkeys: number;
}

/** The acting user's account row. */
export function accountsRepository(db: Executor, userId: string, sessionCache: SessionCache) {
  return {
    /**
     * The account with the rows every user has from the start (profile and settings), under the
     * id this repository is bound to; undefined when the address is taken.
     */
    async create(values: {
      email: string;
      passwordHash: string | null;
      displayName: string;
      emailVerifiedAt?: Date | null;
      locale?: string | undefined;
      timezone?: string | undefined;
      now: Date;
    }): Promise<UserRow | undefined> {
      const [user] = await db
        .insert(users)
        .values({
          id: userId,
          email: values.email,
          passwordHash: values.passwordHash,
          displayName: values.displayName,
          emailVerifiedAt: values.emailVerifiedAt ?? null,
          createdAt: values.now,
          updatedAt: values.now,
        })
        .onConflictDoNothing()
        .returning();
      if (!user) return undefined;
      await db.insert(profiles).values({ userId, locale: values.locale, timezone: values.timezone });
      await db.insert(userSettings).values({ userId });
      return user;
    },

    async find(): Promise<UserRow | undefined> {
      const [row] = await db.select().from(users).where(eq(users.id, userId)).limit(1);
      return row;
    },

    /** The user with their profile's locale, in one round trip. */
    async findWithLocale() {
      const [row] = await db
        .select({ user: users, locale: profiles.locale })
        .from(users)
        .leftJoin(profiles, eq(profiles.userId, users.id))
        .where(eq(users.id, userId))
        .limit(1);
      return row;
    },

    async updatePasswordHash(passwordHash: string, now: Date) {
      await db.update(users).set({ passwordHash, updatedAt: now }).where(eq(users.id, userId));
    },

    async markEmailVerified(now: Date) {
      await db.update(users).set({ emailVerifiedAt: now }).where(eq(users.id, userId));
    },

    /**
     * Holds the account row until the transaction ends, so two removals of a way to sign in
     * (a passkey, a provider) cannot each see the other's as still there.
     */
    async lock() {
      await db.select({ id: users.id }).from(users).where(eq(users.id, userId)).for('update');
    },

    async waysIn(): Promise<WaysIn> {
      const [row] = await db
        .select({
          password: sql<boolean>`${users.passwordHash} is not null`,
          providers: sql<number>`(select count(*)::int from auth_identities i where i.user_id = ${userId})`,
          passkeys: sql<number>`(select count(*)::int from passkeys k where k.user_id = ${userId})`,
        })
        .from(users)
        .where(eq(users.id, userId));
      return row ?? { password: false, providers: 0, passkeys: 0 };
    },

    /** Every table that holds a user's data references users with ON DELETE CASCADE. */
    async delete() {
      await db.delete(users).where(eq(users.id, userId));
      // Their sessions went with them.
      sessionCache.forgetUser(userId);
    },
  };
}

/** Finding an account by its address: signing in, a reset request, an operator (no one is signed in yet). */
export function accountsSystem(db: Executor) {
  return {
    async findByEmail(email: string): Promise<UserRow | undefined> {
      const [row] = await db
        .select()
        .from(users)
        .where(sql`lower(${users.email}) = lower(${email})`)
        .limit(1);
      return row;
    },
  };
}
