import { and, desc, eq, gt, isNull, lt, notExists, or, sql } from 'drizzle-orm';
import type { Executor } from '../db/client.ts';
import { oauthAuthorizations, oauthClients, oauthGrants, oauthTokens } from '../db/schema/index.ts';
import { deleteUserRow, idEq } from './conditions.ts';

export type OAuthClientRow = typeof oauthClients.$inferSelect;
export type OAuthGrantRow = typeof oauthGrants.$inferSelect;
export type OAuthAuthorizationRow = typeof oauthAuthorizations.$inferSelect;
export type OAuthTokenRow = typeof oauthTokens.$inferSelect;
export type GrantWithClient = OAuthGrantRow & { clientName: string; redirectUris: string[] };
export type AuthorizationWithClient = OAuthAuthorizationRow & { clientName: string; redirectUris: string[] };

const clientColumns = { clientName: oauthClients.clientName, redirectUris: oauthClients.redirectUris };

/** The acting user's connected assistants (grants) and the authorisation requests they decide. */
export function oauthGrantsRepository(db: Executor, userId: string) {
  const mine = (id: string) => and(idEq(oauthGrants.id, id), eq(oauthGrants.userId, userId));
  return {
    async list(): Promise<GrantWithClient[]> {
      const rows = await db
        .select({ grant: oauthGrants, ...clientColumns })
        .from(oauthGrants)
        .innerJoin(oauthClients, eq(oauthClients.id, oauthGrants.clientId))
        .where(eq(oauthGrants.userId, userId))
        .orderBy(desc(oauthGrants.createdAt))
        .limit(500);
      return rows.map((r) => ({ ...r.grant, clientName: r.clientName, redirectUris: r.redirectUris }));
    },

    async findForClient(clientId: string): Promise<OAuthGrantRow | undefined> {
      const [row] = await db
        .select()
        .from(oauthGrants)
        .where(and(eq(oauthGrants.userId, userId), idEq(oauthGrants.clientId, clientId)))
        .limit(1);
      return row;
    },

    /** One grant per (user, client): consenting again replaces its scopes and keeps its tokens. */
    async upsert(values: { clientId: string; scopes: string[]; resource: string; now: Date }): Promise<OAuthGrantRow> {
      const [row] = await db
        .insert(oauthGrants)
        .values({ userId, clientId: values.clientId, scopes: values.scopes, resource: values.resource, createdAt: values.now })
        .onConflictDoUpdate({
          target: [oauthGrants.userId, oauthGrants.clientId],
          set: { scopes: values.scopes, resource: values.resource },
        })
        .returning();
      return row!;
    },

    /** Deletes the grant, and with it (by cascade) its tokens and codes; whether there was one. */
    remove: (grantId: string) => deleteUserRow(db, oauthGrants, userId, grantId),

    async find(grantId: string): Promise<OAuthGrantRow | undefined> {
      const [row] = await db.select().from(oauthGrants).where(mine(grantId)).limit(1);
      return row;
    },

    /**
     * The pending request, claimed for this user if nobody has opened it yet: whoever first opens
     * the consent page decides it, and it reads as not found to anyone else.
     */
    async claimAuthorization(id: string, now: Date): Promise<AuthorizationWithClient | undefined> {
      const [claimed] = await db
        .update(oauthAuthorizations)
        .set({ userId })
        .where(
          and(
            idEq(oauthAuthorizations.id, id),
            or(isNull(oauthAuthorizations.userId), eq(oauthAuthorizations.userId, userId)),
            isNull(oauthAuthorizations.decidedAt),
            gt(oauthAuthorizations.expiresAt, now),
          ),
        )
        .returning({ id: oauthAuthorizations.id });
      if (!claimed) return undefined;
      const [row] = await db
        .select({ authorization: oauthAuthorizations, ...clientColumns })
        .from(oauthAuthorizations)
        .innerJoin(oauthClients, eq(oauthClients.id, oauthAuthorizations.clientId))
        .where(eq(oauthAuthorizations.id, claimed.id));
      return row && { ...row.authorization, clientName: row.clientName, redirectUris: row.redirectUris };
    },

    /** Records the decision on this user's pending request; false when it was already decided or expired. */
    async decide(id: string, values: { now: Date; expiresAt: Date; grantId?: string; codeHash?: string }): Promise<boolean> {
      const rows = await db
        .update(oauthAuthorizations)
        .set({ decidedAt: values.now, expiresAt: values.expiresAt, grantId: values.grantId, codeHash: values.codeHash })
        .where(
          and(
            idEq(oauthAuthorizations.id, id),
            eq(oauthAuthorizations.userId, userId),
            isNull(oauthAuthorizations.decidedAt),
            gt(oauthAuthorizations.expiresAt, values.now),
          ),
        )
        .returning({ id: oauthAuthorizations.id });
      return rows.length > 0;
    },
  };
}

/**
 * What the OAuth endpoints find before anyone is known: a client by its id, a code or a token by
 * its secret (whose grant, and so whose user, is what is being looked up).
 */
export function oauthSystem(db: Executor) {
  return {
    async insertClient(values: { clientName: string; redirectUris: string[]; createdAt: Date }): Promise<OAuthClientRow> {
      const [row] = await db.insert(oauthClients).values(values).returning();
      return row!;
    },

    async findClient(id: string): Promise<OAuthClientRow | undefined> {
      const [row] = await db.select().from(oauthClients).where(idEq(oauthClients.id, id)).limit(1);
      return row;
    },

    /** Registrations nobody connected, older than `before`: dynamic registration is open to anyone. */
    async sweepClients(before: Date) {
      await db.delete(oauthClients).where(
        and(
          lt(oauthClients.createdAt, before),
          notExists(
            db
              .select({ one: sql`1` })
              .from(oauthGrants)
              .where(eq(oauthGrants.clientId, oauthClients.id)),
          ),
        ),
      );
    },

    async insertAuthorization(values: typeof oauthAuthorizations.$inferInsert): Promise<OAuthAuthorizationRow> {
      const [row] = await db.insert(oauthAuthorizations).values(values).returning();
      return row!;
    },

    async sweepAuthorizations(before: Date) {
      await db.delete(oauthAuthorizations).where(lt(oauthAuthorizations.expiresAt, before));
    },

    async findCode(codeHash: string): Promise<OAuthAuthorizationRow | undefined> {
      const [row] = await db.select().from(oauthAuthorizations).where(eq(oauthAuthorizations.codeHash, codeHash)).limit(1);
      return row;
    },

    /** Ends a code that failed its checks, so it cannot be tried again. */
    async expireCode(id: string, now: Date) {
      await db.update(oauthAuthorizations).set({ expiresAt: now }).where(eq(oauthAuthorizations.id, id));
    },

    /** Marks the code used; false when another exchange got there first. */
    async useCode(id: string, now: Date): Promise<boolean> {
      const rows = await db
        .update(oauthAuthorizations)
        .set({ usedAt: now })
        .where(and(eq(oauthAuthorizations.id, id), isNull(oauthAuthorizations.usedAt)))
        .returning({ id: oauthAuthorizations.id });
      return rows.length > 0;
    },

    async findGrant(grantId: string): Promise<OAuthGrantRow | undefined> {
      const [row] = await db.select().from(oauthGrants).where(eq(oauthGrants.id, grantId)).limit(1);
      return row;
    },

    /** A grant whose code or refresh token was used twice: ended with everything it issued. */
    async deleteGrant(grantId: string): Promise<OAuthGrantRow | undefined> {
      const [row] = await db.delete(oauthGrants).where(eq(oauthGrants.id, grantId)).returning();
      return row;
    },

    async touchGrant(grantId: string, now: Date) {
      await db.update(oauthGrants).set({ lastUsedAt: now }).where(eq(oauthGrants.id, grantId));
    },

    /** New tokens for a grant, and the grant's expired ones gone. */
    async insertTokens(grantId: string, tokens: { kind: 'access' | 'refresh'; tokenHash: string; expiresAt: Date }[], now: Date) {
      await db.delete(oauthTokens).where(and(eq(oauthTokens.grantId, grantId), lt(oauthTokens.expiresAt, now)));
      await db.insert(oauthTokens).values(tokens.map((t) => ({ ...t, grantId, createdAt: now })));
    },

    async findToken(tokenHash: string): Promise<OAuthTokenRow | undefined> {
      const [row] = await db.select().from(oauthTokens).where(eq(oauthTokens.tokenHash, tokenHash)).limit(1);
      return row;
    },

    /** A live access token with its grant: what a request to /mcp carries. */
    async findAccess(tokenHash: string, now: Date): Promise<{ token: OAuthTokenRow; grant: OAuthGrantRow } | undefined> {
      const [row] = await db
        .select({ token: oauthTokens, grant: oauthGrants })
        .from(oauthTokens)
        .innerJoin(oauthGrants, eq(oauthGrants.id, oauthTokens.grantId))
        .where(and(eq(oauthTokens.tokenHash, tokenHash), eq(oauthTokens.kind, 'access'), gt(oauthTokens.expiresAt, now)))
        .limit(1);
      return row;
    },

    /** Marks a refresh token exchanged; false when another exchange got there first. */
    async useRefresh(id: string, now: Date): Promise<boolean> {
      const rows = await db
        .update(oauthTokens)
        .set({ usedAt: now })
        .where(and(eq(oauthTokens.id, id), isNull(oauthTokens.usedAt)))
        .returning({ id: oauthTokens.id });
      return rows.length > 0;
    },

    async deleteToken(id: string) {
      await db.delete(oauthTokens).where(eq(oauthTokens.id, id));
    },
  };
}
