import { api, call, type Schemas } from './client.js';

/** The most a page of tags holds (the API's page limit). */
const PAGE = 200;

/**
 * Every tag with its count, most used first (with `q`, those starting with it), fetched page by
 * page: a filter, the tag page and renaming (which must know every name to see a merge) need
 * the whole vocabulary, not its first page.
 */
export async function allTags(q?: string): Promise<Schemas['TagCount'][]> {
  const tags: Schemas['TagCount'][] = [];
  let cursor: string | undefined;
  do {
    const page = await call(api.GET('/api/v1/tags', { params: { query: { q, limit: PAGE, cursor } } }));
    tags.push(...page.items);
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  return tags;
}
