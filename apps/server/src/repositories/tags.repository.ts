import { and, eq, inArray, sql, type Column, type SQL } from 'drizzle-orm';
import { queryRows, type Executor } from '../db/client.ts';
import { taggings, tags, type TaggableKind } from '../db/schema/index.ts';
import { uuidv7 } from '../lib/ids.ts';

export type { TaggableKind };

/** A tag as its owner names it. */
export interface TagRow {
  id: string;
  name: string;
}

/** Tags with how many live items carry each, and the folded name they sort by. */
export interface TagCountRow extends TagRow {
  sort_name: string;
  count: number;
}

/** Where a page of tag counts starts: after this count, folded name and id. */
export interface TagCountAfter {
  count: number;
  name: string;
  id: string;
}

const TRASHED = (userId: string) => sql`
  select id from todos where user_id = ${userId} and deleted_at is not null
  union all select id from plans where user_id = ${userId} and deleted_at is not null
  union all select id from achievements where user_id = ${userId} and deleted_at is not null
  union all select id from focus_items where user_id = ${userId} and deleted_at is not null
  union all select id from reports where user_id = ${userId} and deleted_at is not null
  union all select id from career_entries where user_id = ${userId} and deleted_at is not null`;

const INSERT_CHUNK = 500;

/** The acting user's tag vocabulary. */
export function tagsRepository(db: Executor, userId: string) {
  return {
    /**
     * Tags carried by at least one live item, most used first, then by folded name and id;
     * with `prefix`, only those starting with it (folded). One row more than `limit` tells a next page.
     */
    counts(query: { prefix?: string | undefined; after?: TagCountAfter | undefined; limit: number }) {
      const { prefix, after } = query;
      return queryRows<TagCountRow>(
        db,
        sql`with trashed as (${TRASHED(userId)})
            select * from (
              select t.id, t.name, lower(t.name) as sort_name,
                     (count(x.item_id) filter (where x.item_id not in (select id from trashed)))::int as count
              from tags t left join taggings x on x.tag_id = t.id
              where t.user_id = ${userId} ${prefix ? sql`and ca_fold(t.name) like replace(replace(replace(ca_fold(${prefix}), '\\', '\\\\'), '%', '\\%'), '_', '\\_') || '%'` : sql``}
              group by t.id, t.name) c
            where c.count > 0 ${after ? sql`and (c.count < ${after.count} or (c.count = ${after.count} and (c.sort_name, c.id) > (${after.name}, ${after.id}::uuid)))` : sql``}
            order by c.count desc, c.sort_name, c.id
            limit ${query.limit + 1}`,
      );
    },

    /** The tag with this name (ignoring case), locked for the rest of the transaction. */
    async lock(name: string): Promise<TagRow | undefined> {
      const [row] = await queryRows<TagRow>(
        db,
        sql`select id, name from tags where user_id = ${userId} and lower(name) = lower(${name}) for update`,
      );
      return row;
    },

    async create(name: string): Promise<TagRow> {
      const id = uuidv7();
      await db.execute(sql`insert into tags (id, user_id, name) values (${id}, ${userId}, ${name})`);
      return { id, name };
    },

    async rename(id: string, name: string) {
      await db.execute(sql`update tags set name = ${name} where id = ${id} and user_id = ${userId}`);
    },

    /** Moves every item of `fromId` onto `intoId`, then removes `fromId`. */
    async fold(fromId: string, intoId: string) {
      await db.execute(sql`
        insert into taggings (tag_id, user_id, item_kind, item_id)
        select ${intoId}, user_id, item_kind, item_id from taggings where tag_id = ${fromId} and user_id = ${userId}
        on conflict do nothing`);
      await db.execute(sql`delete from tags where id = ${fromId} and user_id = ${userId}`);
    },

    /** Tag names per item of one kind, alphabetical. */
    of: (kind: TaggableKind, itemIds: string[]) => tagsOf(db, userId, kind, itemIds),

    /** Tag names per item of every kind, alphabetical (for the export). */
    async byItem(): Promise<Map<string, string[]>> {
      const rows = await db
        .select({ itemId: taggings.itemId, name: tags.name })
        .from(taggings)
        .innerJoin(tags, eq(tags.id, taggings.tagId))
        .where(eq(taggings.userId, userId))
        .orderBy(sql`lower(${tags.name})`);
      return groupNames(rows);
    },

    /** Adds tags to new items in bulk, creating the names the user does not have yet (for imports). */
    async attach(items: { kind: TaggableKind; itemId: string; names: string[] }[]) {
      const names = [...new Map(items.flatMap((i) => i.names).map((n) => [n.toLowerCase(), n])).values()];
      if (names.length === 0) return;
      await db.execute(sql`
        insert into tags (id, user_id, name)
        select x.id, ${userId}, x.name from unnest(${sql.param(names)}::text[], ${sql.param(names.map(() => uuidv7()))}::uuid[]) as x(name, id)
        on conflict (user_id, lower(name)) do nothing`);
      const ids = new Map(
        (await queryRows<TagRow>(db, sql`select id, name from tags where user_id = ${userId}`)).map((t) => [
          t.name.toLowerCase(),
          t.id,
        ]),
      );
      const links = items.flatMap((item) =>
        item.names.map((name) => ({ tagId: ids.get(name.toLowerCase())!, userId, itemKind: item.kind, itemId: item.itemId })),
      );
      for (let i = 0; i < links.length; i += INSERT_CHUNK) {
        await db
          .insert(taggings)
          .values(links.slice(i, i + INSERT_CHUNK))
          .onConflictDoNothing();
      }
    },
  };
}

function groupNames(rows: { itemId: string; name: string }[]): Map<string, string[]> {
  const result = new Map<string, string[]>();
  for (const row of rows) {
    const list = result.get(row.itemId) ?? [];
    list.push(row.name);
    result.set(row.itemId, list);
  }
  return result;
}

/** Replaces an item's tags with `names`, creating tags the user does not have yet. */
export async function setItemTags(db: Executor, userId: string, kind: TaggableKind, itemId: string, names: string[]) {
  await db.delete(taggings).where(and(eq(taggings.userId, userId), eq(taggings.itemKind, kind), eq(taggings.itemId, itemId)));
  if (names.length === 0) return;
  const list = sql.param(names);
  await db.execute(sql`
    insert into ${tags} (id, user_id, name)
    select x.id, ${userId}, x.name from unnest(${list}::text[], ${sql.param(names.map(() => uuidv7()))}::uuid[]) as x(name, id)
    on conflict (user_id, lower(name)) do nothing`);
  await db.execute(sql`
    insert into ${taggings} (tag_id, user_id, item_kind, item_id)
    select t.id, ${userId}, ${kind}, ${itemId} from ${tags} t
    where t.user_id = ${userId} and lower(t.name) in (select lower(n) from unnest(${list}::text[]) as n)
    on conflict do nothing`);
}

/**
 * Takes the tags named in `remove` off each of `itemIds` and puts those in `add` on them (both
 * ignoring case), creating tags the user does not have yet: a few statements for any number of items.
 */
export async function retagItems(
  db: Executor,
  userId: string,
  kind: TaggableKind,
  itemIds: string[],
  add: string[],
  remove: string[],
) {
  if (itemIds.length === 0) return;
  const ids = sql.param(itemIds);
  if (remove.length) {
    await db.execute(sql`
      delete from ${taggings} tg using ${tags} t
      where tg.tag_id = t.id and tg.user_id = ${userId} and tg.item_kind = ${kind} and tg.item_id = any(${ids}::uuid[])
        and t.user_id = ${userId} and lower(t.name) in (select lower(n) from unnest(${sql.param(remove)}::text[]) as n)`);
  }
  if (add.length === 0) return;
  const list = sql.param(add);
  await db.execute(sql`
    insert into ${tags} (id, user_id, name)
    select x.id, ${userId}, x.name from unnest(${list}::text[], ${sql.param(add.map(() => uuidv7()))}::uuid[]) as x(name, id)
    on conflict (user_id, lower(name)) do nothing`);
  await db.execute(sql`
    insert into ${taggings} (tag_id, user_id, item_kind, item_id)
    select t.id, ${userId}, ${kind}, i from ${tags} t cross join unnest(${ids}::uuid[]) as i
    where t.user_id = ${userId} and lower(t.name) in (select lower(n) from unnest(${list}::text[]) as n)
    on conflict do nothing`);
}

/** Tag names per item, alphabetical. */
export async function tagsOf(
  db: Executor,
  userId: string,
  kind: TaggableKind,
  itemIds: string[],
): Promise<Map<string, string[]>> {
  if (itemIds.length === 0) return new Map();
  const rows = await db
    .select({ itemId: taggings.itemId, name: tags.name })
    .from(taggings)
    .innerJoin(tags, eq(tags.id, taggings.tagId))
    .where(and(eq(taggings.userId, userId), eq(taggings.itemKind, kind), inArray(taggings.itemId, itemIds)))
    .orderBy(sql`lower(${tags.name})`);
  return groupNames(rows);
}

/**
 * "This item carries the tag" (ignoring case), for list filters. The tag's name as stored is
 * looked up once and found in the row's own copy of its tag names (`tag_names`, kept from
 * `taggings` by triggers for every writer), so a list read in its own order tests each row as it
 * walks and stops at a page, instead of joining every tagged row and sorting them.
 */
export function hasTag(tagNames: Column, userId: string, tag: string): SQL {
  return sql`(select name from ${tags} where user_id = ${userId} and lower(name) = lower(${tag})) = any(${tagNames})`;
}

export async function deleteItemTags(db: Executor, userId: string, kind: TaggableKind, itemIds: string[]) {
  if (itemIds.length === 0) return;
  await db
    .delete(taggings)
    .where(and(eq(taggings.userId, userId), eq(taggings.itemKind, kind), inArray(taggings.itemId, itemIds)));
}
