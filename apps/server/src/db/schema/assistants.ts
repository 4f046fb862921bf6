import { sql } from 'drizzle-orm';
import { boolean, check, index, integer, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { createdAt, idColumn, updatedAt } from './columns.ts';
import { users } from './accounts.ts';

/** How far the person trusts assistants (MCP clients): approval of writes, and their pace. */
export const assistantSettings = pgTable(
  'assistant_settings',
  {
    userId: uuid('user_id')
      .primaryKey()
      .references(() => users.id, { onDelete: 'cascade' }),
    /** On: an assistant's to-do changes wait in the suggestion queue instead of being written. */
    requireApproval: boolean('require_approval').notNull().default(true),
    /** Calls a minute each connected client (or personal token) may make. */
    perClientRatePerMin: integer('per_client_rate_per_min').notNull().default(120),
    updatedAt: updatedAt(),
  },
  (t) => [check('assistant_settings_rate_check', sql`${t.perClientRatePerMin} between 1 and 1000`)],
);

/**
 * What assistants did: one row per tool call, resource read or prompt. No arguments are kept
 * beyond a short summary written without the person's address or any token.
 */
export const assistantCalls = pgTable(
  'assistant_calls',
  {
    id: idColumn(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    /** The OAuth client, when the call came with an access token. */
    clientId: text('client_id'),
    /** The personal token, when the call came with one. */
    tokenId: uuid('token_id'),
    method: text('method').notNull(),
    /** The tool, resource or prompt. */
    name: text('name').notNull().default(''),
    outcome: text('outcome').notNull(),
    summary: text('summary').notNull().default(''),
    durationMs: integer('duration_ms').notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    index('assistant_calls_user_idx').on(t.userId, t.createdAt),
    check('assistant_calls_outcome_check', sql`${t.outcome} in ('ok', 'error')`),
  ],
);
