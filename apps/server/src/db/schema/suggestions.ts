import { sql } from 'drizzle-orm';
import { check, index, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { createdAt, idColumn } from './columns.ts';
import { users } from './accounts.ts';

/** Proposed updates to the anchor page, waiting for the user to accept, edit or reject. */
export const suggestions = pgTable(
  'suggestions',
  {
    id: idColumn(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    targetSection: text('target_section').notNull(),
    suggestedTitle: text('suggested_title').notNull(),
    suggestedDescription: text('suggested_description').notNull().default(''),
    quantifiableResults: text('quantifiable_results').notNull().default(''),
    coreSkills: text('core_skills')
      .array()
      .notNull()
      .default(sql`'{}'`),
    status: text('status').notNull().default('pending'),
    /** What prompted it: 'todo_completed', 'report_finalized', 'achievement_added' or 'assistant' (its id: the to-do it would complete). */
    triggerKind: text('trigger_kind').notNull(),
    triggerId: uuid('trigger_id'),
    generatedBy: text('generated_by').notNull(),
    /** Normalised content, so the same proposal is not made twice. */
    dedupeKey: text('dedupe_key').notNull(),
    /** The achievement or focus item created on acceptance. */
    resultId: uuid('result_id'),
    createdAt: createdAt(),
    decidedAt: timestamp('decided_at', { withTimezone: true }),
  },
  (t) => [
    index('suggestions_user_status_idx').on(t.userId, t.status, t.createdAt),
    uniqueIndex('suggestions_dedupe_key').on(t.userId, t.dedupeKey),
    check(
      'suggestions_target_check',
      sql`${t.targetSection} in ('achievements', 'current_focus', 'skills', 'projects', 'position_highlights', 'todos')`,
    ),
    check('suggestions_status_check', sql`${t.status} in ('pending', 'accepted', 'rejected')`),
  ],
);
