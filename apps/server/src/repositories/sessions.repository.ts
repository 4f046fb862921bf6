import { and, desc, eq, ne, or, sql } from 'drizzle-orm';
import { readRows, type Database, type Db, type Executor } from '../db/client.ts';
import { securityEvents, sessions } from '../db/schema/index.ts';
import type { SessionCache } from '../lib/session-cache.ts';
import { deleteUserRow, idEq } from './conditions.ts';

export type SessionRow = typeof sessions.$inferSelect;

/** The acting user's signed-in sessions; ending any of them tells `cache` (see lib/session-cache.ts). */
export function sessionsRepository(db: Executor, userId: string, cache: SessionCache) {
  return {
    async insert(values: {
      tokenHash: string;
      userAgent: string | null;
      ip: string | null;
      expiresAt: Date;
      signedInAt: Date;
      now: Date;
    }): Promise<SessionRow> {
      const [row] = await db
        .insert(sessions)
        .values({
          userId,
          tokenHash: values.tokenHash,
          userAgent: values.userAgent,
          ip: values.ip,
          createdAt: values.now,
          signedInAt: values.signedInAt,
          lastSeenAt: values.now,
          expiresAt: values.expiresAt,
        })
        .returning();
      return row!;
    },

    async find(sessionId: string): Promise<SessionRow | undefined> {
      const [row] = await db
        .select()
        .from(sessions)
        .where(and(idEq(sessions.id, sessionId), eq(sessions.userId, userId)));
      return row;
    },

    async list(): Promise<SessionRow[]> {
      return db.select().from(sessions).where(eq(sessions.userId, userId)).orderBy(desc(sessions.lastSeenAt));
    },

    /** Whether there was such a session of this user to end. */
    async delete(id: string): Promise<boolean> {
      const ended = await deleteUserRow(db, sessions, userId, id);
      if (ended) cache.forgetUser(userId);
      return ended;
    },

    /** Ends every session of the user but `keepSessionId` (all of them when null); answers how many ended. */
    async deleteAllBut(keepSessionId: string | null): Promise<number> {
      const rows = await db
        .delete(sessions)
        .where(and(eq(sessions.userId, userId), keepSessionId ? ne(sessions.id, keepSessionId) : undefined))
        .returning({ id: sessions.id });
      if (rows.length) cache.forgetUser(userId);
      return rows.length;
    },
  };
}

/**
 * Times as milliseconds since 1970, which both drivers return alike (as numbers); with the user's
 * data version, which saves the read cache a query of its own.
 */
const FIND_SESSION = `
  select s.id, s.user_id as "userId", floor(extract(epoch from s.expires_at) * 1000)::float8 as "expiresAt",
         floor(extract(epoch from s.last_seen_at) * 1000)::float8 as "lastSeenAt",
         floor(extract(epoch from s.signed_in_at) * 1000)::float8 as "signedInAt",
         v.version::text as "dataVersion"
  from sessions s left join data_versions v on v.user_id = s.user_id where s.token_hash = $1`;

/** Sessions found by their cookie, and the sweep of old ones: whose they are is what is being looked up. */
export function sessionsSystem(db: Db, cache: SessionCache) {
  return {
    /**
     * The session a cookie names. Read on every signed-in request, so as a statement built once:
     * Drizzle's query builder cost more than the lookup itself.
     */
    async findByTokenHash(tokenHash: string) {
      const [row] = await readRows<{
        id: string;
        userId: string;
        expiresAt: number;
        lastSeenAt: number;
        signedInAt: number;
        dataVersion: string | null;
      }>(db, FIND_SESSION, [tokenHash]);
      return row;
    },

    async touch(sessionId: string, now: Date) {
      await db.update(sessions).set({ lastSeenAt: now }).where(eq(sessions.id, sessionId));
    },

    /** A session found by its cookie that has run out. */
    async delete(session: { id: string; userId: string }) {
      await db.delete(sessions).where(eq(sessions.id, session.id));
      cache.forgetUser(session.userId);
    },

    async deleteExpired(idleBefore: Date, now: Date): Promise<number> {
      const rows = await db
        .delete(sessions)
        .where(or(sql`${sessions.expiresAt} <= ${now}`, sql`${sessions.lastSeenAt} <= ${idleBefore}`))
        .returning({ id: sessions.id });
      // Nothing to tell the cache: a kept session is checked for expiry and idleness on every use.
      return rows.length;
    },

    /** The operator's `sign-out --all`: every session ends, and each account's log says so. */
    async deleteEverySession(): Promise<number> {
      return db.transaction(async (tx) => {
        const holders = await tx.selectDistinct({ userId: sessions.userId }).from(sessions);
        // In slices, to stay under PostgreSQL's limit of parameters per statement.
        for (let i = 0; i < holders.length; i += 10_000) {
          const slice = holders.slice(i, i + 10_000);
          await tx.insert(securityEvents).values(slice.map(({ userId }) => ({ userId, kind: 'sessions_revoked' as const })));
        }
        const ended = (await tx.delete(sessions).returning({ id: sessions.id })).length;
        cache.clear();
        return ended;
      });
    },
  };
}

/**
 * Sessions ended by other server processes, told to `cache` as they commit (the `sessions_ended`
 * trigger's notifications: users' ids, or '*' for more than fit). While they cannot be heard, the
 * cache keeps nothing.
 */
export function followSessionEndings(database: Database, cache: SessionCache) {
  database.listen('ca_sessions_ended', {
    message(payload) {
      if (payload === '*') return cache.clear();
      for (const userId of payload.split(',')) cache.forgetUser(userId);
    },
    listening: () => cache.resume(),
    lost: () => cache.pause(),
  });
}
