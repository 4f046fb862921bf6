import { and, count, eq, gt, isNotNull, isNull, or, sql } from 'drizzle-orm';
import type { Executor } from '../db/client.ts';
import { loginChallenges, recoveryCodes, userTotp } from '../db/schema/index.ts';

export type TotpRow = typeof userTotp.$inferSelect;

/** The acting user's authenticator app, recovery codes and half-done sign-ins. */
export function twoFactorRepository(db: Executor, userId: string) {
  return {
    async totp(): Promise<TotpRow | undefined> {
      const [row] = await db.select().from(userTotp).where(eq(userTotp.userId, userId));
      return row;
    },

    async isEnabled(): Promise<boolean> {
      const [row] = await db
        .select({ id: userTotp.userId })
        .from(userTotp)
        .where(and(eq(userTotp.userId, userId), isNotNull(userTotp.enabledAt)));
      return Boolean(row);
    },

    /** A new secret waiting for its first code: set-up starts over. */
    async saveSecret(secretEncrypted: string, now: Date) {
      await db
        .insert(userTotp)
        .values({ userId, secretEncrypted, createdAt: now })
        .onConflictDoUpdate({ target: userTotp.userId, set: { secretEncrypted, enabledAt: null, lastUsedStep: null } });
    },

    /** Claims a time step: false when it (or a later one) was used already, so a code works once. */
    async claimStep(step: number): Promise<boolean> {
      const [claimed] = await db
        .update(userTotp)
        .set({ lastUsedStep: step })
        .where(and(eq(userTotp.userId, userId), or(isNull(userTotp.lastUsedStep), sql`${userTotp.lastUsedStep} < ${step}`)))
        .returning({ userId: userTotp.userId });
      return Boolean(claimed);
    },

    async enable(now: Date) {
      await db.update(userTotp).set({ enabledAt: now }).where(eq(userTotp.userId, userId));
    },

    /** Two-factor sign-in off: the secret and the recovery codes go. */
    async remove() {
      await db.delete(userTotp).where(eq(userTotp.userId, userId));
      await db.delete(recoveryCodes).where(eq(recoveryCodes.userId, userId));
    },

    async unusedRecoveryCodes() {
      return db
        .select({ id: recoveryCodes.id, codeHash: recoveryCodes.codeHash })
        .from(recoveryCodes)
        .where(and(eq(recoveryCodes.userId, userId), isNull(recoveryCodes.usedAt)));
    },

    async countUnusedRecoveryCodes(): Promise<number> {
      const [row] = await db
        .select({ n: count() })
        .from(recoveryCodes)
        .where(and(eq(recoveryCodes.userId, userId), isNull(recoveryCodes.usedAt)));
      return row?.n ?? 0;
    },

    /** Uses a code only while it is unused, so one code cannot be spent twice at once. */
    async claimRecoveryCode(id: string, now: Date): Promise<boolean> {
      const [used] = await db
        .update(recoveryCodes)
        .set({ usedAt: now })
        .where(and(eq(recoveryCodes.id, id), eq(recoveryCodes.userId, userId), isNull(recoveryCodes.usedAt)))
        .returning({ id: recoveryCodes.id });
      return Boolean(used);
    },

    async replaceRecoveryCodes(codeHashes: string[], now: Date) {
      await db.delete(recoveryCodes).where(eq(recoveryCodes.userId, userId));
      await db.insert(recoveryCodes).values(codeHashes.map((codeHash) => ({ userId, codeHash, createdAt: now })));
    },

    async insertChallenge(tokenHash: string, expiresAt: Date, now: Date) {
      await db.insert(loginChallenges).values({ userId, tokenHash, expiresAt, createdAt: now });
    },
  };
}

/** A half-done sign-in found by its cookie: whose it is is what is being looked up. */
export function twoFactorSystem(db: Executor) {
  return {
    /** The user of a live challenge, counting one more attempt; undefined when expired or used up. */
    async attemptChallenge(tokenHash: string, now: Date, maxAttempts: number): Promise<string | undefined> {
      const [row] = await db
        .update(loginChallenges)
        .set({ attempts: sql`${loginChallenges.attempts} + 1` })
        .where(
          and(
            eq(loginChallenges.tokenHash, tokenHash),
            gt(loginChallenges.expiresAt, now),
            sql`${loginChallenges.attempts} < ${maxAttempts}`,
          ),
        )
        .returning({ userId: loginChallenges.userId });
      return row?.userId;
    },

    async deleteChallenge(tokenHash: string) {
      await db.delete(loginChallenges).where(eq(loginChallenges.tokenHash, tokenHash));
    },
  };
}
