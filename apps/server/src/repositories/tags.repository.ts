import { and, eq, inArray, sql, type Column, type SQL } from 'drizzle-orm';
import type { Executor } from '../db/client.ts';
import { taggings, tags, type TaggableKind } from '../db/schema/index.ts';
import { uuidv7 } from '../lib/ids.ts';

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

/** Tag names per item, alphabetical. */
export async function tagsOf(
  db: Executor,
  userId: string,
  kind: TaggableKind,
  itemIds: string[],
): Promise<Map<string, string[]>> {
  const result = new Map<string, string[]>();
  if (itemIds.length === 0) return result;
  const rows = await db
    .select({ itemId: taggings.itemId, name: tags.name })
    .from(taggings)
    .innerJoin(tags, eq(tags.id, taggings.tagId))
    .where(and(eq(taggings.userId, userId), eq(taggings.itemKind, kind), inArray(taggings.itemId, itemIds)))
    .orderBy(sql`lower(${tags.name})`);
  for (const row of rows) {
    const list = result.get(row.itemId) ?? [];
    list.push(row.name);
    result.set(row.itemId, list);
  }
  return result;
}

/**
 * "This item carries the tag" (ignoring case), for list filters. The tag's id is looked up once,
 * so each candidate row costs one probe of the taggings primary key.
 */
export function hasTag(kind: TaggableKind, itemId: Column, userId: string, tag: string): SQL {
  return sql`exists (
    select 1 from ${taggings} tg
    where tg.tag_id = (select id from ${tags} where user_id = ${userId} and lower(name) = lower(${tag}))
      and tg.item_kind = ${kind} and tg.item_id = ${itemId})`;
}

export async function deleteItemTags(db: Executor, userId: string, kind: TaggableKind, itemIds: string[]) {
  if (itemIds.length === 0) return;
  await db
    .delete(taggings)
    .where(and(eq(taggings.userId, userId), eq(taggings.itemKind, kind), inArray(taggings.itemId, itemIds)));
}
