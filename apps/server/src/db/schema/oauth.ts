import { sql } from 'drizzle-orm';
import { index, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { users } from './accounts.ts';
import { createdAt, idColumn } from './columns.ts';

/**
 * Assistants registered through dynamic client registration (RFC 7591): public clients with no
 * secret, so what they declare is only a name and where the browser may be sent back.
 */
export const oauthClients = pgTable(
  'oauth_clients',
  {
    id: idColumn(),
    clientName: text('client_name').notNull(),
    redirectUris: text('redirect_uris').array().notNull(),
    createdAt: createdAt(),
  },
  (t) => [index('oauth_clients_created_idx').on(t.createdAt)],
);

/** What one person allowed one client: one row per (user, client); deleting it ends every token. */
export const oauthGrants = pgTable(
  'oauth_grants',
  {
    id: idColumn(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    clientId: uuid('client_id')
      .notNull()
      .references(() => oauthClients.id, { onDelete: 'cascade' }),
    scopes: text('scopes').array().notNull(),
    /** The protected resource (RFC 8707) its tokens are for: this server's /mcp. */
    resource: text('resource').notNull(),
    createdAt: createdAt(),
    lastUsedAt: timestamp('last_used_at', { withTimezone: true }),
  },
  (t) => [uniqueIndex('oauth_grants_user_client_key').on(t.userId, t.clientId)],
);

/**
 * An authorisation request waiting for the person's decision, then (once allowed) the one-time
 * code that answers it. Unclaimed until a signed-in person opens the consent page.
 */
export const oauthAuthorizations = pgTable(
  'oauth_authorizations',
  {
    id: idColumn(),
    clientId: uuid('client_id')
      .notNull()
      .references(() => oauthClients.id, { onDelete: 'cascade' }),
    userId: uuid('user_id').references(() => users.id, { onDelete: 'cascade' }),
    redirectUri: text('redirect_uri').notNull(),
    state: text('state'),
    codeChallenge: text('code_challenge').notNull(),
    scopes: text('scopes').array().notNull(),
    resource: text('resource').notNull(),
    createdAt: createdAt(),
    /** The request's life until decided; once allowed, the code's. */
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    decidedAt: timestamp('decided_at', { withTimezone: true }),
    grantId: uuid('grant_id').references(() => oauthGrants.id, { onDelete: 'cascade' }),
    /** SHA-256 of the code; the code itself is only in the redirect. */
    codeHash: text('code_hash'),
    usedAt: timestamp('used_at', { withTimezone: true }),
  },
  (t) => [
    uniqueIndex('oauth_authorizations_code_key')
      .on(t.codeHash)
      .where(sql`${t.codeHash} is not null`),
    index('oauth_authorizations_expires_idx').on(t.expiresAt),
  ],
);

/** Access and refresh tokens of a grant, stored as SHA-256 hashes like personal tokens. */
export const oauthTokens = pgTable(
  'oauth_tokens',
  {
    id: idColumn(),
    grantId: uuid('grant_id')
      .notNull()
      .references(() => oauthGrants.id, { onDelete: 'cascade' }),
    kind: text('kind').$type<'access' | 'refresh'>().notNull(),
    tokenHash: text('token_hash').notNull(),
    createdAt: createdAt(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    /** A refresh token once exchanged: kept until it expires, so a second use is seen as theft. */
    usedAt: timestamp('used_at', { withTimezone: true }),
  },
  (t) => [uniqueIndex('oauth_tokens_hash_key').on(t.tokenHash), index('oauth_tokens_grant_idx').on(t.grantId, t.expiresAt)],
);
