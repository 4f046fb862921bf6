import { sql } from 'drizzle-orm';
import { check, index, pgTable, primaryKey, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { createdAt, idColumn } from './columns.ts';
import { users } from './accounts.ts';

/** One tag vocabulary per user, shared by every kind of item. */
export const tags = pgTable(
  'tags',
  {
    id: idColumn(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('tags_user_name_key').on(t.userId, sql`lower(${t.name})`)],
);

export const TAGGABLE_KINDS = ['todo', 'plan', 'achievement', 'focus_item', 'report', 'career_entry'] as const;
export type TaggableKind = (typeof TAGGABLE_KINDS)[number];

/** Which items carry which tag. Polymorphic by `itemKind`; rows go with the item when it is purged. */
export const taggings = pgTable(
  'taggings',
  {
    tagId: uuid('tag_id')
      .notNull()
      .references(() => tags.id, { onDelete: 'cascade' }),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    itemKind: text('item_kind').$type<TaggableKind>().notNull(),
    itemId: uuid('item_id').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.tagId, t.itemKind, t.itemId] }),
    index('taggings_item_idx').on(t.userId, t.itemKind, t.itemId),
    check(
      'taggings_item_kind_check',
      sql`${t.itemKind} in ('todo', 'plan', 'achievement', 'focus_item', 'report', 'career_entry')`,
    ),
  ],
);
