import { sql } from 'drizzle-orm';
import { queryRows, type Db, type Executor } from '../db/client.ts';
import { uuidv7 } from '../lib/ids.ts';
import { notFound } from '../lib/problem.ts';
import { decodeCursor, encodeCursor, invalidCursor, pageFrom } from '../repositories/paging.ts';
import type { Actor } from '../lib/actor.ts';

const TRASHED = (userId: string) => sql`
  select id from todos where user_id = ${userId} and deleted_at is not null
  union all select id from plans where user_id = ${userId} and deleted_at is not null
  union all select id from achievements where user_id = ${userId} and deleted_at is not null
  union all select id from focus_items where user_id = ${userId} and deleted_at is not null
  union all select id from reports where user_id = ${userId} and deleted_at is not null`;

/** The cursor after a tag: its count and folded name as one key ("3:name"), then its id. */
function tagCursor(cursor: string): { count: number; name: string; id: string } {
  const [key, id] = decodeCursor(cursor, 'text');
  const split = key.indexOf(':');
  const count = split > 0 ? Number(key.slice(0, split)) : NaN;
  if (!Number.isInteger(count) || count < 0) throw invalidCursor();
  return { count, name: key.slice(split + 1), id };
}

/** One tag vocabulary per user across every kind of item: counts, autocomplete, rename, merge. */
export function createTagsService(db: Db) {
  /** The tag with this name (ignoring case), locked for the rest of the transaction. */
  async function lockTag(tx: Executor, userId: string, name: string) {
    const [row] = await queryRows<{ id: string; name: string }>(
      tx,
      sql`select id, name from tags where user_id = ${userId} and lower(name) = lower(${name}) for update`,
    );
    return row;
  }

  /** Moves every item of `fromId` onto `intoId`, then removes `fromId`. */
  async function fold(tx: Executor, userId: string, fromId: string, intoId: string) {
    await tx.execute(sql`
      insert into taggings (tag_id, user_id, item_kind, item_id)
      select ${intoId}, user_id, item_kind, item_id from taggings where tag_id = ${fromId}
      on conflict do nothing`);
    await tx.execute(sql`delete from tags where id = ${fromId} and user_id = ${userId}`);
  }

  return {
    /**
     * Tags with how many live items carry each, most used first, then by name; with `q`, those
     * starting with it (for autocomplete). A page at a time: the cursor holds the last tag's
     * count, folded name and id.
     */
    async counts(actor: Actor, query: { q?: string | undefined; limit: number; cursor?: string | undefined }) {
      const after = query.cursor ? tagCursor(query.cursor) : undefined;
      const rows = await queryRows<{ id: string; name: string; sort_name: string; count: number }>(
        db,
        sql`with trashed as (${TRASHED(actor.userId)})
            select * from (
              select t.id, t.name, lower(t.name) as sort_name,
                     (count(x.item_id) filter (where x.item_id not in (select id from trashed)))::int as count
              from tags t left join taggings x on x.tag_id = t.id
              where t.user_id = ${actor.userId} ${query.q ? sql`and ca_fold(t.name) like replace(replace(replace(ca_fold(${query.q}), '\\', '\\\\'), '%', '\\%'), '_', '\\_') || '%'` : sql``}
              group by t.id, t.name) c
            where c.count > 0 ${after ? sql`and (c.count < ${after.count} or (c.count = ${after.count} and (c.sort_name, c.id) > (${after.name}, ${after.id}::uuid)))` : sql``}
            order by c.count desc, c.sort_name, c.id
            limit ${query.limit + 1}`,
      );
      const page = pageFrom(rows, query.limit, (last) => encodeCursor(`${last.count}:${last.sort_name}`, last.id));
      return { items: page.rows.map(({ name, count }) => ({ name, count })), nextCursor: page.nextCursor };
    },

    /** Renames a tag on every item at once; renaming onto an existing tag merges the two. */
    async rename(actor: Actor, from: string, to: string) {
      return db.transaction(async (tx) => {
        const source = await lockTag(tx, actor.userId, from);
        if (!source) throw notFound('Tag');
        const target = await lockTag(tx, actor.userId, to);
        if (target && target.id !== source.id) {
          await fold(tx, actor.userId, source.id, target.id);
          return { name: target.name };
        }
        await tx.execute(sql`update tags set name = ${to} where id = ${source.id}`);
        return { name: to };
      });
    },

    /** Merges several tags into one (created if need be), in one transaction. */
    async merge(actor: Actor, from: string[], into: string) {
      return db.transaction(async (tx) => {
        const sources = [];
        for (const name of from) {
          const tag = await lockTag(tx, actor.userId, name);
          if (!tag) throw notFound(`Tag “${name}”`);
          sources.push(tag);
        }
        let target = await lockTag(tx, actor.userId, into);
        if (!target) {
          const id = uuidv7();
          await tx.execute(sql`insert into tags (id, user_id, name) values (${id}, ${actor.userId}, ${into})`);
          target = { id, name: into };
        }
        for (const source of sources) if (source.id !== target.id) await fold(tx, actor.userId, source.id, target.id);
        return { name: target.name };
      });
    },
  };
}
export type TagsService = ReturnType<typeof createTagsService>;
