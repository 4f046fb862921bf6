import { boolean, index, integer, jsonb, numeric, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { createdAt, idColumn } from './columns.ts';
import { users } from './accounts.ts';

/** One row per model call (or cache hit): what it cost and how long it took. */
export const aiCalls = pgTable(
  'ai_calls',
  {
    id: idColumn(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    feature: text('feature').notNull(),
    provider: text('provider').notNull(),
    model: text('model').notNull(),
    inputTokens: integer('input_tokens').notNull().default(0),
    outputTokens: integer('output_tokens').notNull().default(0),
    estimatedCostUsd: numeric('estimated_cost_usd', { precision: 12, scale: 6 }).notNull().default('0'),
    latencyMs: integer('latency_ms').notNull().default(0),
    cached: boolean('cached').notNull().default(false),
    outcome: text('outcome').notNull().default('ok'),
    createdAt: createdAt(),
  },
  (t) => [index('ai_calls_user_created_idx').on(t.userId, t.createdAt)],
);

/** Answers to identical requests, keyed by a hash of the user, model and prompt. */
export const aiCache = pgTable(
  'ai_cache',
  {
    key: text('key').primaryKey(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    response: jsonb('response').notNull(),
    createdAt: createdAt(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('ai_cache_user_idx').on(t.userId), index('ai_cache_expires_idx').on(t.expiresAt)],
);
