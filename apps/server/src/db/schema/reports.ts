import { sql } from 'drizzle-orm';
import { check, date, index, pgTable, text, timestamp, uuid, uniqueIndex } from 'drizzle-orm/pg-core';
import { createdAt, deletedAt, idColumn, tagNamesColumn, updatedAt } from './columns.ts';
import { users } from './accounts.ts';

export const reports = pgTable(
  'reports',
  {
    id: idColumn(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    type: text('type').notNull(),
    periodStart: date('period_start').notNull(),
    periodEnd: date('period_end').notNull(),
    title: text('title').notNull().default(''),
    accomplishments: text('accomplishments').notNull().default(''),
    challenges: text('challenges').notNull().default(''),
    learnings: text('learnings').notNull().default(''),
    nextFocus: text('next_focus').notNull().default(''),
    status: text('status').notNull().default('draft'),
    /** The completed to-dos this report's accomplishments are grounded in. */
    sourceTodoIds: uuid('source_todo_ids')
      .array()
      .notNull()
      .default(sql`'{}'`),
    /** 'manual', 'builtin', or the provider/model that drafted it. */
    generatedBy: text('generated_by').notNull().default('manual'),
    finalizedAt: timestamp('finalized_at', { withTimezone: true }),
    searchTitle: text('search_title').generatedAlwaysAs(sql`ca_fold(title)`),
    searchText: text('search_text').generatedAlwaysAs(
      sql`ca_fold(title || ' ' || accomplishments || ' ' || challenges || ' ' || learnings || ' ' || next_focus)`,
    ),
    /** The id this item had in the file it was imported from: importing that file again adds nothing. */
    originId: uuid('origin_id'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
    tagNames: tagNamesColumn(),
    deletedAt: deletedAt(),
  },
  (t) => [
    index('reports_user_period_idx').on(t.userId, t.periodStart),
    uniqueIndex('reports_origin_key').on(t.userId, t.originId),
    index('reports_search_idx').using('gin', t.searchText.op('gin_trgm_ops')),
    check('reports_type_check', sql`${t.type} in ('weekly', 'monthly', 'quarterly', 'custom')`),
    check('reports_status_check', sql`${t.status} in ('draft', 'final')`),
    check('reports_period_check', sql`${t.periodStart} <= ${t.periodEnd}`),
  ],
);
