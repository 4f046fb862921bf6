import { sql } from 'drizzle-orm';
import {
  boolean,
  check,
  doublePrecision,
  index,
  jsonb,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
  type AnyPgColumn,
} from 'drizzle-orm/pg-core';
import { CAREER_SECTIONS, type CareerSection } from '@career-anchor/contracts';
import { createdAt, deletedAt, idColumn, tagNamesColumn, updatedAt } from './columns.ts';
import { users } from './accounts.ts';

export type ImportSource = 'json-resume' | 'linkedin';

/**
 * A résumé import (JSON Resume, a LinkedIn archive): what it added and the profile fields it
 * changed, so it can be undone whole until `undo_until`. Not exported: it is a record of this
 * account's history, and the entries it brought are exported as the person's own.
 */
export const imports = pgTable(
  'imports',
  {
    id: idColumn(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    source: text('source').$type<ImportSource>().notNull(),
    /** Entries added per section. */
    counts: jsonb('counts').$type<Record<string, number>>().notNull().default({}),
    /** The profile fields the import changed, with the values they had before: undo puts these back. */
    profileBefore: jsonb('profile_before').$type<Record<string, unknown>>().notNull().default({}),
    createdAt: createdAt(),
    undoUntil: timestamp('undo_until', { withTimezone: true }).notNull(),
    undoneAt: timestamp('undone_at', { withTimezone: true }),
  },
  (t) => [
    index('imports_user_idx').on(t.userId, t.createdAt),
    check('imports_source_check', sql`${t.source} in ('json-resume', 'linkedin')`),
  ],
);

/**
 * Every career section's entries in one table (positions, education, projects, skills… see
 * CAREER_SECTIONS): the section's own fields as JSON (`fields`, checked by the contracts), and
 * what every item has — owner, tags, visibility, the person's order, trash. One table, so one
 * set of queries, triggers and trash rules serves all eleven sections.
 */
export const careerEntries = pgTable(
  'career_entries',
  {
    id: idColumn(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    section: text('section').$type<CareerSection>().notNull(),
    /** Order within the section, as the person arranged it. */
    position: doublePrecision('position').notNull().default(0),
    isPublic: boolean('is_public').notNull().default(false),
    /** The section's fields, as the contracts name them (dates as given: YYYY, YYYY-MM or YYYY-MM-DD). */
    fields: jsonb('fields').$type<Record<string, unknown>>().notNull().default({}),
    /** What an import brought that has no field here, exported again as it came. */
    extra: jsonb('extra').$type<Record<string, unknown>>(),
    /** A project's position (its `positionId`): a column, so the link cannot outlive the position. */
    parentId: uuid('parent_id').references((): AnyPgColumn => careerEntries.id, { onDelete: 'set null' }),
    importId: uuid('import_id').references(() => imports.id, { onDelete: 'set null' }),
    /** What the entry is called in the trash and in search (migration 0017, `ca_career_title`). */
    title: text('title').generatedAlwaysAs(sql`ca_career_title(section, fields)`),
    searchText: text('search_text').generatedAlwaysAs(sql`ca_fold(ca_career_text(fields))`),
    searchTitle: text('search_title').generatedAlwaysAs(sql`ca_fold(ca_career_title(section, fields))`),
    /** The id this entry had in the export file it came from: importing that file again adds nothing. */
    originId: uuid('origin_id'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
    tagNames: tagNamesColumn(),
    deletedAt: deletedAt(),
  },
  (t) => [
    // Each section's list, in the person's order, live entries only.
    index('career_entries_user_section_position_idx')
      .on(t.userId, t.section, t.position, t.id)
      .where(sql`${t.deletedAt} is null`),
    index('career_entries_import_idx').on(t.importId),
    index('career_entries_parent_idx').on(t.parentId),
    uniqueIndex('career_entries_origin_key').on(t.userId, t.originId),
    index('career_entries_search_idx').using('gin', t.searchText.op('gin_trgm_ops')),
    check('career_entries_section_check', sql.raw(`section in (${CAREER_SECTIONS.map((s) => `'${s}'`).join(', ')})`)),
  ],
);
