import { sql } from 'drizzle-orm';
import { boolean, check, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { createdAt, updatedAt } from './columns.ts';
import { users } from './accounts.ts';

export const userSettings = pgTable(
  'user_settings',
  {
    userId: uuid('user_id')
      .primaryKey()
      .references(() => users.id, { onDelete: 'cascade' }),
    aiEnabled: boolean('ai_enabled').notNull().default(true),
    /** Null means the server-wide default provider. */
    aiProvider: text('ai_provider'),
    aiBaseUrl: text('ai_base_url'),
    /** Encrypted with APP_SECRET; never returned to the browser. */
    aiApiKeyEncrypted: text('ai_api_key_encrypted'),
    /** Model per task, e.g. {"reportDraft": "gpt-4o-mini"}. */
    aiModels: jsonb('ai_models').$type<Record<string, string>>().notNull().default({}),
    suggestionsEnabled: boolean('suggestions_enabled').notNull().default(true),
    suggestionFrequency: text('suggestion_frequency').notNull().default('immediate'),
    /** Per-kind reminder switches, channels and the weekly slot. */
    reminders: jsonb('reminders').$type<Record<string, unknown>>().notNull().default({}),
    updatedAt: updatedAt(),
  },
  (t) => [check('user_settings_frequency_check', sql`${t.suggestionFrequency} in ('immediate', 'daily', 'weekly')`)],
);

/**
 * A user's private calendar feed (`/ical/{token}.ics`). The token is found by its hash, as API
 * tokens are, and kept sealed with APP_SECRET too, so its address can be shown again to copy.
 */
export const calendarFeeds = pgTable(
  'calendar_feeds',
  {
    userId: uuid('user_id')
      .primaryKey()
      .references(() => users.id, { onDelete: 'cascade' }),
    tokenHash: text('token_hash').notNull(),
    tokenSealed: text('token_sealed').notNull(),
    createdAt: createdAt(),
    lastFetchedAt: timestamp('last_fetched_at', { withTimezone: true }),
  },
  (t) => [uniqueIndex('calendar_feeds_token_hash_key').on(t.tokenHash)],
);
