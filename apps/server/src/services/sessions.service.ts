import type { Clock } from '../lib/clock.ts';
import { HttpProblem, unauthorized } from '../lib/problem.ts';
import { randomSecret, sha256 } from '../lib/secrets.ts';
import type { Repositories, UserRepositories } from '../repositories/index.ts';
import type { Actor, RequestMeta } from '../lib/actor.ts';
import { noSessionCache, type SessionCache } from '../lib/session-cache.ts';

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
  new HttpProblem('recent-sign-in-required', {
    detail: 'Confirm it is you first (POST /auth/confirm with your password, a code or a passkey, or sign in again).',
  });

export interface IssuedSession {
  token: string;
  sessionId: string;
  expiresAt: Date;
}

export function createSessionsService(repos: Repositories, clock: Clock, cache: SessionCache = noSessionCache()) {
  /**
   * A new session, written with `to` (the user's repositories, perhaps in a transaction).
   * `carryOver` is the session it replaces after a privilege change: the new id keeps its sign-in
   * time and absolute expiry, so rotating never lengthens a session.
   */
  async function issueWith(
    to: UserRepositories,
    meta: RequestMeta,
    carryOver?: { signedInAt: Date; expiresAt: Date },
  ): Promise<IssuedSession> {
    const token = randomSecret();
    const now = clock.now();
    const expiresAt = carryOver?.expiresAt ?? new Date(now.getTime() + SESSION_ABSOLUTE_MS);
    const row = await to.sessions.insert({
      tokenHash: sha256(token),
      userAgent: meta.userAgent?.slice(0, 500) ?? null,
      ip: meta.ip,
      expiresAt,
      signedInAt: carryOver?.signedInAt ?? now,
      now,
    });
    return { token, sessionId: row.id, expiresAt };
  }

  /**
   * A session whose person just proved who they are, explicitly: with a window shorter than
   * CONFIRMATION_GRACE_MS its sign-in time alone would not let it finish the change.
   */
  async function rememberConfirmation(to: UserRepositories, sessionId: string, windowMs: number) {
    if (windowMs >= CONFIRMATION_GRACE_MS) return;
    const now = clock.now();
    await to.oneTimeTokens.addConfirmationGrant(sessionId, new Date(now.getTime() + CONFIRMATION_GRACE_MS), now);
  }

  /** The session this actor came with, ended; its sign-in time and expiry for the one replacing it. */
  async function endCurrent(to: UserRepositories, actor: Actor) {
    const old = actor.sessionId ? await to.sessions.find(actor.sessionId) : undefined;
    if (old) await to.sessions.delete(old.id);
    return old;
  }

  return {
    issueWith,
    rememberConfirmation,

    /** A new session for a sign-in that just succeeded. */
    issue: (userId: string, meta: RequestMeta) => issueWith(repos.for({ userId }), meta),

    /**
     * The actor behind a session cookie, or null if it is unknown, expired or idle too long. Kept
     * for a moment (see lib/session-cache.ts), and checked against the clock on every use.
     */
    async resolve(token: string): Promise<Actor | null> {
      const sessions = repos.system.sessions;
      const tokenHash = sha256(token);
      let session = cache.get(tokenHash);
      // The data version comes with a lookup, saving the read cache a query; a kept session has none.
      let dataVersion: string | null | undefined;
      if (!session) {
        const lookedUpAt = cache.stamp();
        const found = await sessions.findByTokenHash(tokenHash);
        if (!found) return null;
        const { dataVersion: version, ...row } = found;
        dataVersion = version;
        session = row;
        cache.set(tokenHash, session, lookedUpAt);
      }
      const now = clock.now();
      const nowMs = now.getTime();
      if (session.expiresAt <= nowMs || nowMs - session.lastSeenAt > SESSION_IDLE_MS) {
        await sessions.delete(session);
        return null;
      }
      if (nowMs - session.lastSeenAt > TOUCH_EVERY_MS) {
        await sessions.touch(session.id, now);
        session.lastSeenAt = nowMs;
      }
      return {
        userId: session.userId,
        via: 'session',
        sessionId: session.id,
        tokenId: null,
        scopes: ['read', 'write'],
        signedInAt: new Date(session.signedInAt),
        dataVersion,
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
      return repos.for(actor).oneTimeTokens.hasConfirmationGrant(actor.sessionId, clock.now());
    },

    /** The one check before a sensitive change: 403 recent-sign-in-required unless `isRecent`. */
    async requireRecentSignIn(actor: Actor, windowMs: number): Promise<void> {
      if (!(await this.isRecent(actor, windowMs))) throw recentSignInRequired();
    },

    /** A new session id for the same sign-in, after a privilege change; the old one ends. */
    async rotate(actor: Actor, meta: RequestMeta): Promise<IssuedSession> {
      return repos.transaction(actor, async (to) => issueWith(to, meta, await endCurrent(to, actor)));
    },

    /**
     * After the person proved who they are again: the session gets a new id (the old one ends)
     * with a new sign-in time, and keeps its absolute expiry.
     */
    async reconfirm(actor: Actor, meta: RequestMeta, windowMs: number): Promise<IssuedSession> {
      return repos.transaction(actor, async (to) => {
        const old = await endCurrent(to, actor);
        if (!old) throw unauthorized();
        const session = await issueWith(to, meta, { signedInAt: clock.now(), expiresAt: old.expiresAt });
        await rememberConfirmation(to, session.sessionId, windowMs);
        return session;
      });
    },

    /** Signing out: the session this actor came with ends. */
    async end(actor: Actor) {
      if (actor.sessionId) await repos.for(actor).sessions.delete(actor.sessionId);
    },

    async purgeExpired() {
      const now = clock.now();
      return repos.system.sessions.deleteExpired(new Date(now.getTime() - SESSION_IDLE_MS), now);
    },
  };
}
export type SessionsService = ReturnType<typeof createSessionsService>;
