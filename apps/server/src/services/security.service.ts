import type { SecurityEventKind } from '@career-anchor/contracts';
import type { Clock } from '../lib/clock.ts';
import { badRequest, notFound } from '../lib/problem.ts';
import { iso } from '../lib/text.ts';
import { describeDevice, parseUserAgent } from '../lib/user-agent.ts';
import type { Repositories } from '../repositories/index.ts';
import type { Actor, RequestMeta } from '../lib/actor.ts';

/** Adds an entry to a user's security log. */
export type SecurityLog = (userId: string, kind: SecurityEventKind, meta: RequestMeta) => Promise<void>;

/** The device as names the reader's page puts into words, and in English for older clients. */
function device(userAgent: string | null) {
  const parsed = parseUserAgent(userAgent);
  return { browser: describeDevice(parsed), device: parsed };
}

/** The devices signed in to an account, and the account's security log. */
export function createSecurityService(repos: Repositories, clock: Clock) {
  const log: SecurityLog = (userId, kind, meta) =>
    repos.for({ userId }).securityLog.add({
      kind,
      ip: meta.ip,
      userAgent: meta.userAgent?.slice(0, 500) ?? null,
      now: clock.now(),
    });

  return {
    log,

    async sessions(actor: Actor) {
      const rows = await repos.for(actor).sessions.list();
      return {
        items: rows.map((row) => ({
          id: row.id,
          current: row.id === actor.sessionId,
          ...device(row.userAgent),
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
      if (!(await repos.for(actor).sessions.delete(sessionId))) throw notFound('Session');
      await log(actor.userId, 'session_revoked', meta);
    },

    async revokeOthers(actor: Actor, meta: RequestMeta) {
      await repos.for(actor).sessions.deleteAllBut(actor.sessionId);
      await log(actor.userId, 'sessions_revoked', meta);
    },

    async events(actor: Actor, query: { limit: number; cursor?: string | undefined }) {
      let before: Date | undefined;
      if (query.cursor) {
        before = new Date(Buffer.from(query.cursor, 'base64url').toString('utf8'));
        if (Number.isNaN(before.getTime()))
          throw badRequest('The cursor is not valid.', [{ path: 'cursor', message: 'Not a cursor from this list' }]);
      }
      const rows = await repos.for(actor).securityLog.page(query.limit, before);
      const page = rows.slice(0, query.limit);
      return {
        items: page.map((row) => ({ kind: row.kind, ...device(row.userAgent), ip: row.ip, createdAt: iso(row.createdAt) })),
        nextCursor: rows.length > query.limit ? Buffer.from(page.at(-1)!.createdAt.toISOString()).toString('base64url') : null,
      };
    },
  };
}
export type SecurityService = ReturnType<typeof createSecurityService>;
