import type { SecurityEventKind } from '@career-anchor/contracts';
import type { Db } from '../db/client.ts';
import type { Clock } from '../lib/clock.ts';
import { badRequest, notFound } from '../lib/problem.ts';
import { iso } from '../lib/text.ts';
import { describeUserAgent } from '../lib/user-agent.ts';
import * as accounts from '../repositories/accounts.repository.ts';
import type { Actor, RequestMeta } from '../lib/actor.ts';

/** Adds an entry to a user's security log. */
export type SecurityLog = (userId: string, kind: SecurityEventKind, meta: RequestMeta) => Promise<void>;

/** The devices signed in to an account, and the account's security log. */
export function createSecurityService(db: Db, clock: Clock) {
  const log: SecurityLog = (userId, kind, meta) =>
    accounts.insertSecurityEvent(db, {
      userId,
      kind,
      ip: meta.ip,
      userAgent: meta.userAgent?.slice(0, 500) ?? null,
      now: clock.now(),
    });

  return {
    log,

    async sessions(actor: Actor) {
      const rows = await accounts.listSessions(db, actor.userId);
      return {
        items: rows.map((row) => ({
          id: row.id,
          current: row.id === actor.sessionId,
          browser: describeUserAgent(row.userAgent),
          ip: row.ip,
          place: null,
          createdAt: iso(row.createdAt),
          lastSeenAt: iso(row.lastSeenAt),
        })),
        nextCursor: null,
      };
    },

    /** Ends one session: its very next request is refused, on every server process. */
    async revoke(actor: Actor, sessionId: string, meta: RequestMeta) {
      if (!(await accounts.deleteUserSession(db, actor.userId, sessionId))) throw notFound('Session');
      await log(actor.userId, 'session_revoked', meta);
    },

    async revokeOthers(actor: Actor, meta: RequestMeta) {
      await accounts.deleteOtherSessions(db, actor.userId, actor.sessionId);
      await log(actor.userId, 'sessions_revoked', meta);
    },

    async events(actor: Actor, query: { limit: number; cursor?: string | undefined }) {
      let before: Date | undefined;
      if (query.cursor) {
        before = new Date(Buffer.from(query.cursor, 'base64url').toString('utf8'));
        if (Number.isNaN(before.getTime()))
          throw badRequest('The cursor is not valid.', [{ path: 'cursor', message: 'Not a cursor from this list' }]);
      }
      const rows = await accounts.listSecurityEvents(db, actor.userId, query.limit, before);
      const page = rows.slice(0, query.limit);
      return {
        items: page.map((row) => ({
          kind: row.kind,
          browser: describeUserAgent(row.userAgent),
          ip: row.ip,
          createdAt: iso(row.createdAt),
        })),
        nextCursor: rows.length > query.limit ? Buffer.from(page.at(-1)!.createdAt.toISOString()).toString('base64url') : null,
      };
    },
  };
}
export type SecurityService = ReturnType<typeof createSecurityService>;
