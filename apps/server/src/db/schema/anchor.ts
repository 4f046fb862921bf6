import { sql } from 'drizzle-orm';
import {
  bigint,
  boolean,
  check,
  date,
  doublePrecision,
  index,
  integer,
  jsonb,
  pgTable,
  smallint,
  text,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { createdAt, deletedAt, idColumn, tagNamesColumn, updatedAt } from './columns.ts';
import { users } from './accounts.ts';
import { careerEntries } from './career.ts';

const owner = () =>
  uuid('user_id')
    .notNull()
    .references(() => users.id, { onDelete: 'cascade' });

export type ProfileLink = { label: string; url: string };
/** JSON Resume's `basics.location`, whole. */
export type ResumeAddress = { address?: string; postalCode?: string; city?: string; countryCode?: string; region?: string };

/** One row per user: the head of the anchor page and of the public profile. */
export const profiles = pgTable(
  'profiles',
  {
    userId: uuid('user_id')
      .primaryKey()
      .references(() => users.id, { onDelete: 'cascade' }),
    handle: text('handle'),
    headline: text('headline').notNull().default(''),
    summary: text('summary').notNull().default(''),
    location: text('location').notNull().default(''),
    links: jsonb('links').$type<ProfileLink[]>().notNull().default([]),
    avatarUrl: text('avatar_url'),
    /** Contact details a résumé carries; `email` is the public contact, not the sign-in address. */
    email: text('email').notNull().default(''),
    phone: text('phone').notNull().default(''),
    url: text('url').notNull().default(''),
    address: jsonb('address').$type<ResumeAddress>().notNull().default({}),
    /** Fields of an imported résumé's `basics` with no place here, exported again as they came. */
    resumeExtra: jsonb('resume_extra').$type<Record<string, unknown>>(),
    isPublic: boolean('is_public').notNull().default(false),
    /** Which profile fields the public page may show. */
    publicFields: text('public_fields')
      .array()
      .notNull()
      .default(sql`'{headline,summary,location,links}'`),
    searchIndexable: boolean('search_indexable').notNull().default(false),
    locale: text('locale').notNull().default('en'),
    timezone: text('timezone').notNull().default('UTC'),
    updatedAt: updatedAt(),
  },
  (t) => [uniqueIndex('profiles_handle_key').on(sql`lower(${t.handle})`)],
);

export const achievements = pgTable(
  'achievements',
  {
    id: idColumn(),
    userId: owner(),
    title: text('title').notNull(),
    description: text('description').notNull().default(''),
    quantifiableResults: text('quantifiable_results').notNull().default(''),
    skills: text('skills')
      .array()
      .notNull()
      .default(sql`'{}'`),
    achievedOn: date('achieved_on'),
    isPublic: boolean('is_public').notNull().default(false),
    source: text('source').notNull().default('manual'),
    /** The position and the project (career entries) it belongs to. */
    positionId: uuid('position_id').references(() => careerEntries.id, { onDelete: 'set null' }),
    projectId: uuid('project_id').references(() => careerEntries.id, { onDelete: 'set null' }),
    position: doublePrecision('position').notNull().default(0),
    searchText: text('search_text').generatedAlwaysAs(
      sql`ca_fold(title || ' ' || description || ' ' || quantifiable_results || ' ' || ca_join(skills))`,
    ),
    searchTitle: text('search_title').generatedAlwaysAs(sql`ca_fold(title)`),
    /** The id this item had in the file it was imported from: importing that file again adds nothing. */
    originId: uuid('origin_id'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
    tagNames: tagNamesColumn(),
    deletedAt: deletedAt(),
  },
  (t) => [
    index('achievements_user_idx').on(t.userId, t.achievedOn),
    // The list's order (newest first, undated last) among live ones: the anchor page's latest six.
    index('achievements_user_newest_idx')
      .on(t.userId, sql`coalesce(${t.achievedOn}, '0001-01-01'::date)`, t.id)
      .where(sql`${t.deletedAt} is null`),
    uniqueIndex('achievements_origin_key').on(t.userId, t.originId),
    // A career entry that goes sets these to null: found by index, not by reading every achievement.
    index('achievements_position_idx')
      .on(t.positionId)
      .where(sql`${t.positionId} is not null`),
    index('achievements_project_idx')
      .on(t.projectId)
      .where(sql`${t.projectId} is not null`),
    index('achievements_search_idx').using('gin', t.searchText.op('gin_trgm_ops')),
    check('achievements_source_check', sql`${t.source} in ('manual', 'suggestion', 'import')`),
  ],
);

export const focusItems = pgTable(
  'focus_items',
  {
    id: idColumn(),
    userId: owner(),
    title: text('title').notNull(),
    description: text('description').notNull().default(''),
    status: text('status').notNull().default('active'),
    progress: smallint('progress').notNull().default(0),
    isPublic: boolean('is_public').notNull().default(false),
    position: doublePrecision('position').notNull().default(0),
    searchText: text('search_text').generatedAlwaysAs(sql`ca_fold(title || ' ' || description)`),
    searchTitle: text('search_title').generatedAlwaysAs(sql`ca_fold(title)`),
    /** The id this item had in the file it was imported from: importing that file again adds nothing. */
    originId: uuid('origin_id'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
    tagNames: tagNamesColumn(),
    deletedAt: deletedAt(),
  },
  (t) => [
    index('focus_items_user_idx').on(t.userId, t.position),
    uniqueIndex('focus_items_origin_key').on(t.userId, t.originId),
    index('focus_items_search_idx').using('gin', t.searchText.op('gin_trgm_ops')),
    check('focus_items_status_check', sql`${t.status} in ('active', 'paused', 'done')`),
    check('focus_items_progress_check', sql`${t.progress} between 0 and 100`),
  ],
);

export const plans = pgTable(
  'plans',
  {
    id: idColumn(),
    userId: owner(),
    title: text('title').notNull(),
    description: text('description').notNull().default(''),
    targetDate: date('target_date'),
    status: text('status').notNull().default('planned'),
    /** Set by hand to override the progress derived from linked to-dos; null means derived. */
    progressOverride: smallint('progress_override'),
    /** Live linked to-dos and how many of them are done, kept by a trigger on todos as they change. */
    todoTotal: integer('todo_total').notNull().default(0),
    todoDone: integer('todo_done').notNull().default(0),
    /**
     * The plan's progress, the one definition every surface reads: the override if set, else the
     * share of live linked to-dos that are done, rounded (no to-dos: 0). See ca_progress.
     */
    progress: integer('progress').generatedAlwaysAs(sql`coalesce(progress_override, ca_progress(todo_done, todo_total))`),
    /** The person chose the status themselves: finishing a linked to-do no longer moves it. */
    statusByHand: boolean('status_by_hand').notNull().default(false),
    isPublic: boolean('is_public').notNull().default(false),
    position: doublePrecision('position').notNull().default(0),
    searchText: text('search_text').generatedAlwaysAs(sql`ca_fold(title || ' ' || description)`),
    searchTitle: text('search_title').generatedAlwaysAs(sql`ca_fold(title)`),
    /** The id this item had in the file it was imported from: importing that file again adds nothing. */
    originId: uuid('origin_id'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
    tagNames: tagNamesColumn(),
    deletedAt: deletedAt(),
  },
  (t) => [
    index('plans_user_idx').on(t.userId, t.position),
    uniqueIndex('plans_origin_key').on(t.userId, t.originId),
    index('plans_search_idx').using('gin', t.searchText.op('gin_trgm_ops')),
    check('plans_status_check', sql`${t.status} in ('planned', 'in_progress', 'achieved', 'dropped')`),
    check('plans_progress_override_check', sql`${t.progressOverride} between 0 and 100`),
  ],
);

/**
 * Each user's anchor page (GET /overview) as the one statement in overview.repository.ts wrote
 * it, with the data version it was written from and the user's day it holds for: read as one row
 * while both still hold, written anew after each signed-in change (and by the first read that
 * finds it out of date). No trigger moves the data version for it: it is a copy, not data.
 */
export const anchorPages = pgTable('anchor_pages', {
  userId: uuid('user_id')
    .primaryKey()
    .references(() => users.id, { onDelete: 'cascade' }),
  version: bigint('version', { mode: 'bigint' }).notNull(),
  /** The time zone `day` was reckoned in (the profile's, when the page was written). */
  timezone: text('timezone').notNull(),
  day: date('day').notNull(),
  page: text('page').notNull(),
});
