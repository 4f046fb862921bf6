import type { SearchHit, SearchKind } from '@career-anchor/contracts';
import type { Actor } from '../lib/actor.ts';
import { badRequest } from '../lib/problem.ts';
import { searchTerms } from '../lib/search-terms.ts';
import { markTerms, snippetOf } from '../lib/snippet.ts';
import type { Repositories } from '../repositories/index.ts';
import { entryTitle } from './career-entries.ts';

export interface SearchQueryInput {
  q?: string | undefined;
  kind?: SearchKind | undefined;
  tag?: string | undefined;
  from?: string | undefined;
  to?: string | undefined;
  limit: number;
  cursor?: string | undefined;
}

function decodeOffset(cursor: string | undefined): number {
  if (!cursor) return 0;
  const value = Number(Buffer.from(cursor, 'base64url').toString('utf8'));
  if (!Number.isInteger(value) || value < 0 || value > 10_000)
    throw badRequest('The cursor is not valid.', [{ path: 'cursor', message: 'Not a cursor from this search' }]);
  return value;
}

/**
 * One search over everything the user wrote. The query is split into terms (words, or "quoted
 * phrases"); every term must be found, in any order, in any of an item's fields. Text is folded
 * (lower case, no accents) on both sides and matched as a substring, so Chinese needs no word
 * breaks and `%`, `_` and `\` are taken literally. Best first: items whose title holds every
 * term, then some, then none (see the repository); then the most recently changed.
 */
export function createSearchService(repos: Repositories) {
  return {
    async search(actor: Actor, query: SearchQueryInput): Promise<{ items: SearchHit[]; nextCursor: string | null }> {
      const offset = decodeOffset(query.cursor);
      const terms = query.q ? searchTerms(query.q) : [];
      const { search } = repos.for(actor);
      // Rank first, on ids only; then read titles and text for just the page.
      const ranked = await search.rank(
        { terms, kind: query.kind, tag: query.tag, from: query.from, to: query.to },
        { offset, limit: query.limit + 1 },
      );
      const page = ranked.slice(0, query.limit);
      const texts = await search.texts(page);
      return {
        items: page.map((hit) => {
          const text = texts.get(hit.id) ?? { title: '', body: '', section: null };
          const { body, section } = text;
          const title = section ? entryTitle(section, text.title) : text.title;
          // Around the terms in the body if any is there, else in the title; the body's start when listing a tag.
          const inBody = snippetOf(body, terms);
          const { snippet, marks } = !terms.length || inBody.marks.length ? inBody : snippetOf(title, terms);
          return {
            kind: hit.kind,
            id: hit.id,
            ...(section ? { section } : {}),
            title,
            titleMarks: markTerms(title, terms),
            snippet,
            marks,
            score: Math.round(Number(hit.score) * 1000) / 1000,
          };
        }),
        nextCursor: ranked.length > query.limit ? Buffer.from(String(offset + query.limit)).toString('base64url') : null,
      };
    },
  };
}
export type SearchService = ReturnType<typeof createSearchService>;
