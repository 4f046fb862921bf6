import type { Db, Executor } from '../db/client.ts';
import type { Clock } from '../lib/clock.ts';
import { randomSecret, sha256 } from '../lib/secrets.ts';
import * as accounts from '../repositories/accounts.repository.ts';
import type { Actor, RequestMeta } from './actor.ts';

export const SESSION_ABSOLUTE_MS = 30 * 24 * 3600 * 1000;
export const SESSION_IDLE_MS = 14 * 24 * 3600 * 1000;
/** Recording every request's time would turn each read into a write; once a minute is enough. */
const TOUCH_EVERY_MS = 60 * 1000;

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
      const found = await accounts.findSessionWithUser(db, sha256(token));
      if (!found) return null;
      const now = clock.now();
      const { session } = found;
      if (session.expiresAt <= now || now.getTime() - session.lastSeenAt.getTime() > SESSION_IDLE_MS) {
        await accounts.deleteSession(db, session.id);
        return null;
      }
      if (now.getTime() - session.lastSeenAt.getTime() > TOUCH_EVERY_MS) await accounts.touchSession(db, session.id, now);
      return {
        userId: session.userId,
        via: 'session',
        sessionId: session.id,
        tokenId: null,
        scopes: ['read', 'write'],
        signedInAt: session.signedInAt,
      };
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
