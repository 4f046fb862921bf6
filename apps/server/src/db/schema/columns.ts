import { sql } from 'drizzle-orm';
import { text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { uuidv7 } from '../../lib/ids.ts';

/** Time-ordered UUIDs keep b-tree inserts local and make ids usable as cursor tie-breakers. */
export const idColumn = () => uuid('id').primaryKey().$defaultFn(uuidv7);

export const createdAt = () => timestamp('created_at', { withTimezone: true }).notNull().defaultNow();
export const updatedAt = () => timestamp('updated_at', { withTimezone: true }).notNull().defaultNow();
/** Soft delete: the row sits in the trash until this is older than the retention period. */
export const deletedAt = () => timestamp('deleted_at', { withTimezone: true });

/**
 * A taggable item's tag names, alphabetical ignoring case: a copy of what `taggings` says, kept by
 * triggers (migration 0015) for every writer, so lists and the anchor page read tags with the row.
 */
export const tagNamesColumn = () =>
  text('tag_names')
    .array()
    .notNull()
    .default(sql`'{}'::text[]`);
