import { notFound } from '../lib/problem.ts';
import { decodeCursor, encodeCursor, invalidCursor, pageFrom } from '../repositories/paging.ts';
import type { Repositories } from '../repositories/index.ts';
import type { TagCountAfter } from '../repositories/tags.repository.ts';
import type { Actor } from '../lib/actor.ts';

/** The cursor after a tag: its count and folded name as one key ("3:name"), then its id. */
function tagCursor(cursor: string): TagCountAfter {
  const [key, id] = decodeCursor(cursor, 'text');
  const split = key.indexOf(':');
  const count = split > 0 ? Number(key.slice(0, split)) : NaN;
  if (!Number.isInteger(count) || count < 0) throw invalidCursor();
  return { count, name: key.slice(split + 1), id };
}

/** One tag vocabulary per user across every kind of item: counts, autocomplete, rename, merge. */
export function createTagsService(repos: Repositories) {
  return {
    /**
     * Tags with how many live items carry each, most used first, then by name; with `q`, those
     * starting with it (for autocomplete). A page at a time: the cursor holds the last tag's
     * count, folded name and id.
     */
    async counts(actor: Actor, query: { q?: string | undefined; limit: number; cursor?: string | undefined }) {
      const after = query.cursor ? tagCursor(query.cursor) : undefined;
      const rows = await repos.for(actor).tags.counts({ prefix: query.q, after, limit: query.limit });
      const page = pageFrom(rows, query.limit, (last) => encodeCursor(`${last.count}:${last.sort_name}`, last.id));
      return { items: page.rows.map(({ name, count }) => ({ name, count })), nextCursor: page.nextCursor };
    },

    /** Renames a tag on every item at once; renaming onto an existing tag merges the two. */
    async rename(actor: Actor, from: string, to: string) {
      return repos.transaction(actor, async ({ tags }) => {
        const source = await tags.lock(from);
        if (!source) throw notFound('Tag');
        const target = await tags.lock(to);
        if (target && target.id !== source.id) {
          await tags.fold(source.id, target.id);
          return { name: target.name };
        }
        await tags.rename(source.id, to);
        return { name: to };
      });
    },

    /** Merges several tags into one (created if need be), in one transaction. */
    async merge(actor: Actor, from: string[], into: string) {
      return repos.transaction(actor, async ({ tags }) => {
        const sources = [];
        for (const name of from) {
          const tag = await tags.lock(name);
          if (!tag) throw notFound(`Tag “${name}”`);
          sources.push(tag);
        }
        const target = (await tags.lock(into)) ?? (await tags.create(into));
        for (const source of sources) if (source.id !== target.id) await tags.fold(source.id, target.id);
        return { name: target.name };
      });
    },
  };
}
export type TagsService = ReturnType<typeof createTagsService>;
