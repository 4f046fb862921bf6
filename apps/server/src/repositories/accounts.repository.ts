import { and, eq, gt, isNull, ne, or, sql, desc } from 'drizzle-orm';
import type { SecurityEventKind } from '@career-anchor/contracts';
import { readRows, type Db, type Executor } from '../db/client.ts';
import { idEq } from './conditions.ts';
import { apiTokens, oneTimeTokens, profiles, securityEvents, sessions, userSettings, users } from '../db/schema/index.ts';
import { sha256 } from '../lib/secrets.ts';

export type UserRow = typeof users.$inferSelect;
export type SessionRow = typeof sessions.$inferSelect;
export type ApiTokenRow = typeof apiTokens.$inferSelect;

export async function findUserByEmail(db: Executor, email: string): Promise<UserRow | undefined> {
  const [row] = await db
    .select()
    .from(users)
    .where(sql`lower(${users.email}) = lower(${email})`)
    .limit(1);
  return row;
}

export async function findUserById(db: Executor, id: string): Promise<UserRow | undefined> {
  const [row] = await db.select().from(users).where(eq(users.id, id)).limit(1);
  return row;
}

/** The account with the rows every user has from the start: profile and settings. */
export async function insertUser(
  db: Executor,
  values: { email: string; passwordHash: string | null; displayName: string; locale: string; now: Date },
): Promise<UserRow | undefined> {
  const [user] = await db
    .insert(users)
    .values({
      email: values.email,
      passwordHash: values.passwordHash,
      displayName: values.displayName,
      createdAt: values.now,
      updatedAt: values.now,
    })
    .onConflictDoNothing()
    .returning();
  if (!user) return undefined;
  await db.insert(profiles).values({ userId: user.id, locale: values.locale });
  await db.insert(userSettings).values({ userId: user.id });
  return user;
}

/** The user with their profile's locale, in one round trip. */
export async function findUserWithLocale(db: Executor, id: string) {
  const [row] = await db
    .select({ user: users, locale: profiles.locale })
    .from(users)
    .leftJoin(profiles, eq(profiles.userId, users.id))
    .where(eq(users.id, id))
    .limit(1);
  return row;
}

export async function findUserLocale(db: Executor, userId: string): Promise<string> {
  const [row] = await db.select({ locale: profiles.locale }).from(profiles).where(eq(profiles.userId, userId));
  return row?.locale ?? 'en';
}

export async function updatePasswordHash(db: Executor, userId: string, passwordHash: string, now: Date) {
  await db.update(users).set({ passwordHash, updatedAt: now }).where(eq(users.id, userId));
}

/** Every table that holds a user's data references users with ON DELETE CASCADE. */
export async function deleteUser(db: Executor, userId: string) {
  await db.delete(users).where(eq(users.id, userId));
}

// --- sessions -------------------------------------------------------------------------------

export async function insertSession(
  db: Executor,
  values: {
    userId: string;
    tokenHash: string;
    userAgent: string | null;
    ip: string | null;
    expiresAt: Date;
    signedInAt: Date;
    now: Date;
  },
) {
  const [row] = await db
    .insert(sessions)
    .values({
      userId: values.userId,
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

/**
 * The session a cookie names. Read on every signed-in request, so as a statement built once:
 * Drizzle's query builder cost more than the lookup itself.
 */
export async function findSessionByTokenHash(db: Db, tokenHash: string) {
  const [row] = await readRows<{
    id: string;
    userId: string;
    expiresAt: number;
    lastSeenAt: number;
    signedInAt: number;
    dataVersion: string | null;
  }>(db, FIND_SESSION, [tokenHash]);
  return row;
}

export async function touchSession(db: Executor, sessionId: string, now: Date) {
  await db.update(sessions).set({ lastSeenAt: now }).where(eq(sessions.id, sessionId));
}

export async function findSession(db: Executor, sessionId: string): Promise<SessionRow | undefined> {
  const [row] = await db.select().from(sessions).where(eq(sessions.id, sessionId));
  return row;
}

export async function deleteSession(db: Executor, sessionId: string) {
  await db.delete(sessions).where(eq(sessions.id, sessionId));
}

export async function deleteOtherSessions(db: Executor, userId: string, keepSessionId: string | null) {
  await db.delete(sessions).where(and(eq(sessions.userId, userId), keepSessionId ? ne(sessions.id, keepSessionId) : undefined));
}

/** A confirmation of identity that lets one session finish a sensitive change (see CONFIRMATION_GRACE_MS). */
const grantHash = (sessionId: string) => sha256(`confirmed-session:${sessionId}`);

export async function insertConfirmationGrant(
  db: Executor,
  values: { userId: string; sessionId: string; expiresAt: Date; now: Date },
) {
  await db.insert(oneTimeTokens).values({
    userId: values.userId,
    purpose: 'identity_confirmed',
    tokenHash: grantHash(values.sessionId),
    expiresAt: values.expiresAt,
    createdAt: values.now,
  });
}

export async function hasConfirmationGrant(db: Executor, sessionId: string, now: Date): Promise<boolean> {
  const [row] = await db
    .select({ id: oneTimeTokens.id })
    .from(oneTimeTokens)
    .where(
      and(
        eq(oneTimeTokens.tokenHash, grantHash(sessionId)),
        eq(oneTimeTokens.purpose, 'identity_confirmed'),
        gt(oneTimeTokens.expiresAt, now),
      ),
    );
  return Boolean(row);
}

export async function deleteExpiredSessions(db: Executor, idleBefore: Date, now: Date) {
  const rows = await db
    .delete(sessions)
    .where(or(sql`${sessions.expiresAt} <= ${now}`, sql`${sessions.lastSeenAt} <= ${idleBefore}`))
    .returning({ id: sessions.id });
  return rows.length;
}

// --- personal API tokens --------------------------------------------------------------------

export async function insertApiToken(db: Executor, values: typeof apiTokens.$inferInsert) {
  const [row] = await db.insert(apiTokens).values(values).returning();
  return row!;
}

export async function listApiTokens(db: Executor, userId: string) {
  return db
    .select()
    .from(apiTokens)
    .where(and(eq(apiTokens.userId, userId), isNull(apiTokens.revokedAt)))
    .orderBy(desc(apiTokens.createdAt));
}

export async function revokeApiToken(db: Executor, userId: string, tokenId: string, now: Date): Promise<boolean> {
  const rows = await db
    .update(apiTokens)
    .set({ revokedAt: now })
    .where(and(idEq(apiTokens.id, tokenId), eq(apiTokens.userId, userId), isNull(apiTokens.revokedAt)))
    .returning({ id: apiTokens.id });
  return rows.length > 0;
}

export async function findActiveApiToken(db: Executor, tokenHash: string, now: Date) {
  const [row] = await db
    .select({ token: apiTokens, user: users })
    .from(apiTokens)
    .innerJoin(users, eq(users.id, apiTokens.userId))
    .where(
      and(
        eq(apiTokens.tokenHash, tokenHash),
        isNull(apiTokens.revokedAt),
        or(isNull(apiTokens.expiresAt), gt(apiTokens.expiresAt, now)),
      ),
    )
    .limit(1);
  return row;
}

export async function touchApiToken(db: Executor, tokenId: string, now: Date) {
  await db.update(apiTokens).set({ lastUsedAt: now }).where(eq(apiTokens.id, tokenId));
}

// --- security log ---------------------------------------------------------------------------

export async function insertSecurityEvent(
  db: Executor,
  values: { userId: string; kind: SecurityEventKind; ip: string | null; userAgent: string | null; now: Date },
) {
  await db.insert(securityEvents).values({
    userId: values.userId,
    kind: values.kind,
    ip: values.ip,
    userAgent: values.userAgent,
    createdAt: values.now,
  });
}

export async function listSessions(db: Executor, userId: string) {
  return db.select().from(sessions).where(eq(sessions.userId, userId)).orderBy(desc(sessions.lastSeenAt));
}

export async function deleteUserSession(db: Executor, userId: string, sessionId: string): Promise<boolean> {
  const rows = await db
    .delete(sessions)
    .where(and(idEq(sessions.id, sessionId), eq(sessions.userId, userId)))
    .returning({ id: sessions.id });
  return rows.length > 0;
}

export async function listSecurityEvents(db: Executor, userId: string, limit: number, before?: Date) {
  return db
    .select()
    .from(securityEvents)
    .where(
      and(
        eq(securityEvents.userId, userId),
        before ? sql`${securityEvents.createdAt} < ${before.toISOString()}::timestamptz` : undefined,
      ),
    )
    .orderBy(desc(securityEvents.createdAt))
    .limit(limit + 1);
}
