import type { Db, Executor } from '../db/client.ts';
import type { Clock } from '../lib/clock.ts';
import { HttpProblem } from '../lib/problem.ts';
import { randomSecret, sha256 } from '../lib/secrets.ts';
import * as accounts from '../repositories/accounts.repository.ts';
import type { Actor, RequestMeta } from '../lib/actor.ts';

export const SESSION_ABSOLUTE_MS = 30 * 24 * 3600 * 1000;
export const SESSION_IDLE_MS = 14 * 24 * 3600 * 1000;
/** Recording every request's time would turn each read into a write; once a minute is enough. */
const TOUCH_EVERY_MS = 60 * 1000;
/**
 * However short the re-authentication window (even 0, "ask every time"), an explicit
 * confirmation (POST /auth/confirm) lets this session finish what it was doing: the retried
 * request, and the second step of a two-step change (set-up then enable, options then verify).
 */
export const CONFIRMATION_GRACE_MS = 5 * 60 * 1000;

export const recentSignInRequired = () =>
  new HttpProblem(403, 'Forbidden', {
    detail: 'Confirm it is you first (POST /auth/confirm with your password, a code or a passkey, or sign in again).',
    type: '/problems/recent-sign-in-required',
  });

export interface IssuedSession {
  token: string;
  sessionId: string;
  expiresAt: Date;
}

export function createSessionsService(db: Db, clock: Clock) {
  return {
    /**
     * A new session. `carryOver` is the session it replaces after a privilege change: the new id
     * keeps its sign-in time and absolute expiry, so rotating never lengthens a session.
     */
    async issue(
      executor: Executor,
      userId: string,
      meta: RequestMeta,
      carryOver?: { signedInAt: Date; expiresAt: Date },
    ): Promise<IssuedSession> {
      const token = randomSecret();
      const now = clock.now();
      const expiresAt = carryOver?.expiresAt ?? new Date(now.getTime() + SESSION_ABSOLUTE_MS);
      const row = await accounts.insertSession(executor, {
        userId,
        tokenHash: sha256(token),
        userAgent: meta.userAgent?.slice(0, 500) ?? null,
        ip: meta.ip,
        expiresAt,
        signedInAt: carryOver?.signedInAt ?? now,
        now,
      });
      return { token, sessionId: row.id, expiresAt };
    },

    /** The actor behind a session cookie, or null if it is unknown, expired or idle too long. */
    async resolve(token: string): Promise<Actor | null> {
      const session = await accounts.findSessionByTokenHash(db, sha256(token));
      if (!session) return null;
      const now = clock.now();
      const nowMs = now.getTime();
      if (session.expiresAt <= nowMs || nowMs - session.lastSeenAt > SESSION_IDLE_MS) {
        await accounts.deleteSession(db, session.id);
        return null;
      }
      if (nowMs - session.lastSeenAt > TOUCH_EVERY_MS) await accounts.touchSession(db, session.id, now);
      return {
        userId: session.userId,
        via: 'session',
        sessionId: session.id,
        tokenId: null,
        scopes: ['read', 'write'],
        signedInAt: new Date(session.signedInAt),
        dataVersion: session.dataVersion,
      };
    },

    /**
     * Whether this session proved who the person is recently enough for a change to how the
     * account signs in: signed in (or confirmed) within `windowMs`, or confirmed explicitly within
     * the grace period. Never for a personal token.
     */
    async isRecent(actor: Actor, windowMs: number): Promise<boolean> {
      if (actor.via !== 'session' || !actor.sessionId || !actor.signedInAt) return false;
      const age = clock.now().getTime() - actor.signedInAt.getTime();
      if (age < windowMs) return true;
      if (windowMs >= CONFIRMATION_GRACE_MS || age > CONFIRMATION_GRACE_MS) return false;
      return accounts.hasConfirmationGrant(db, actor.sessionId, clock.now());
    },

    /** The one check before a sensitive change: 403 recent-sign-in-required unless `isRecent`. */
    async requireRecentSignIn(actor: Actor, windowMs: number): Promise<void> {
      if (!(await this.isRecent(actor, windowMs))) throw recentSignInRequired();
    },

    /**
     * After the person proved who they are again: the session gets a new id (the old one ends)
     * with a new sign-in time, and keeps its absolute expiry.
     */
    async reconfirm(actor: Actor, meta: RequestMeta, windowMs: number): Promise<IssuedSession> {
      return db.transaction(async (tx) => {
        const old = actor.sessionId ? await accounts.findSession(tx, actor.sessionId) : undefined;
        if (!old || old.userId !== actor.userId) throw new HttpProblem(401, 'Unauthorized', { detail: 'Sign in to continue.' });
        await accounts.deleteSession(tx, old.id);
        const now = clock.now();
        const session = await this.issue(tx, actor.userId, meta, { signedInAt: now, expiresAt: old.expiresAt });
        await this.rememberConfirmation(actor.userId, session.sessionId, windowMs, tx);
        return session;
      });
    },

    /**
     * A session whose person just proved who they are, explicitly: with a window shorter than
     * CONFIRMATION_GRACE_MS its sign-in time alone would not let it finish the change.
     */
    async rememberConfirmation(userId: string, sessionId: string, windowMs: number, executor: Executor = db) {
      if (windowMs >= CONFIRMATION_GRACE_MS) return;
      const now = clock.now();
      await accounts.insertConfirmationGrant(executor, {
        userId,
        sessionId,
        expiresAt: new Date(now.getTime() + CONFIRMATION_GRACE_MS),
        now,
      });
    },

    async revoke(sessionId: string) {
      await accounts.deleteSession(db, sessionId);
    },

    async purgeExpired() {
      const now = clock.now();
      return accounts.deleteExpiredSessions(db, new Date(now.getTime() - SESSION_IDLE_MS), now);
    },
  };
}
export type SessionsService = ReturnType<typeof createSessionsService>;
