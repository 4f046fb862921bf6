import { and, eq, gt, isNull, sql, type SQL } from 'drizzle-orm';
import type { Executor } from '../db/client.ts';
import { oneTimeTokens, profiles, users } from '../db/schema/index.ts';
import { sha256 } from '../lib/secrets.ts';

/** What single-use tokens are for: links sent by e-mail, WebAuthn and OAuth challenges, confirmations. */
export type TokenPurpose = 'password_reset' | 'email_verification' | 'webauthn' | 'oauth_state' | 'identity_confirmed';

/** A confirmation of identity that lets one session finish a sensitive change; keyed by the session. */
const grantHash = (sessionId: string) => sha256(`confirmed-session:${sessionId}`);

/** Marks an unused, unexpired token of this purpose used; `where` narrows whose it may be. */
async function redeem(db: Executor, tokenHash: string, purpose: TokenPurpose, now: Date, where?: SQL) {
  const [row] = await db
    .update(oneTimeTokens)
    .set({ usedAt: now })
    .where(
      and(
        eq(oneTimeTokens.tokenHash, tokenHash),
        eq(oneTimeTokens.purpose, purpose),
        isNull(oneTimeTokens.usedAt),
        gt(oneTimeTokens.expiresAt, now),
        where,
      ),
    )
    .returning({ userId: oneTimeTokens.userId });
  return row;
}

/** The acting user's single-use tokens. */
export function oneTimeTokensRepository(db: Executor, userId: string) {
  const insert = async (values: { id?: string; purpose: TokenPurpose; tokenHash: string; expiresAt: Date; now: Date }) => {
    await db.insert(oneTimeTokens).values({
      id: values.id,
      userId,
      purpose: values.purpose,
      tokenHash: values.tokenHash,
      expiresAt: values.expiresAt,
      createdAt: values.now,
    });
  };
  return {
    insert,

    /** Drops the user's unused tokens of a purpose: a new link replaces the last one. */
    async deleteUnused(purpose: TokenPurpose) {
      await db
        .delete(oneTimeTokens)
        .where(and(eq(oneTimeTokens.userId, userId), eq(oneTimeTokens.purpose, purpose), isNull(oneTimeTokens.usedAt)));
    },

    /** Uses a token issued to this user; false when unknown, someone else's, used or expired. */
    async redeem(tokenHash: string, purpose: TokenPurpose, now: Date): Promise<boolean> {
      return Boolean(await redeem(db, tokenHash, purpose, now, eq(oneTimeTokens.userId, userId)));
    },

    async addConfirmationGrant(sessionId: string, expiresAt: Date, now: Date) {
      await insert({ purpose: 'identity_confirmed', tokenHash: grantHash(sessionId), expiresAt, now });
    },

    async hasConfirmationGrant(sessionId: string, now: Date): Promise<boolean> {
      const [row] = await db
        .select({ id: oneTimeTokens.id })
        .from(oneTimeTokens)
        .where(
          and(
            eq(oneTimeTokens.tokenHash, grantHash(sessionId)),
            eq(oneTimeTokens.userId, userId),
            eq(oneTimeTokens.purpose, 'identity_confirmed'),
            gt(oneTimeTokens.expiresAt, now),
          ),
        );
      return Boolean(row);
    },
  };
}

/**
 * Tokens found by the secret a link or a browser carries, and those issued before anyone signed
 * in: whose they are is what is being looked up.
 */
export function oneTimeTokensSystem(db: Executor) {
  return {
    /** A challenge for a sign-in by no one yet (a passkey alone, a provider). */
    async insertAnonymous(values: { purpose: TokenPurpose; tokenHash: string; expiresAt: Date; now: Date }) {
      await db.insert(oneTimeTokens).values({
        userId: null,
        purpose: values.purpose,
        tokenHash: values.tokenHash,
        expiresAt: values.expiresAt,
        createdAt: values.now,
      });
    },

    /** Uses a token; answers whose it was (null: issued to no one), or undefined when refused. */
    async redeem(tokenHash: string, purpose: TokenPurpose, now: Date): Promise<{ userId: string | null } | undefined> {
      return redeem(db, tokenHash, purpose, now);
    },

    /** Uses a token issued to no one (a challenge for a sign-in with a passkey alone). */
    async redeemAnonymous(tokenHash: string, purpose: TokenPurpose, now: Date): Promise<boolean> {
      return Boolean(await redeem(db, tokenHash, purpose, now, isNull(oneTimeTokens.userId)));
    },

    /** A link's token with its owner's address and language, for the e-mail that carries it. */
    async findForMail(id: string) {
      const [row] = await db
        .select({
          token: oneTimeTokens,
          email: users.email,
          locale: sql<string>`coalesce((select ${profiles.locale} from ${profiles} where ${profiles.userId} = ${users.id}), 'en')`,
        })
        .from(oneTimeTokens)
        .innerJoin(users, eq(users.id, oneTimeTokens.userId))
        .where(eq(oneTimeTokens.id, id));
      return row;
    },
  };
}
