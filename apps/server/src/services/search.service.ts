import { sql, type SQL } from 'drizzle-orm';
import { PgDialect } from 'drizzle-orm/pg-core';
import type { SearchHit, SearchKind } from '@career-anchor/contracts';
import { readRows, type Db } from '../db/client.ts';
import { achievements, focusItems, plans, reports, tags, todos } from '../db/schema/index.ts';
import { badRequest } from '../lib/problem.ts';
import { snippetOf } from '../lib/snippet.ts';
import { hasTag } from '../repositories/tags.repository.ts';
import type { Actor } from '../lib/actor.ts';

export interface SearchQueryInput {
  q?: string | undefined;
  kind?: SearchKind | undefined;
  tag?: string | undefined;
  from?: string | undefined;
  to?: string | undefined;
  limit: number;
  cursor?: string | undefined;
}

type Row = { kind: SearchKind; id: string; title: string; body: string; score: number };

/** Per kind: its table, title, the rest of its text (for the snippet), and the date filters use. */
const SOURCES = [
  {
    kind: 'todo',
    table: todos,
    id: todos.id,
    title: sql`${todos.title}`,
    body: sql`${todos.notes} || ' ' || ${todos.summary}`,
    date: sql`coalesce(${todos.completedAt}, ${todos.createdAt})::date`,
    search: todos.searchText,
    searchTitle: todos.searchTitle,
    updated: todos.updatedAt,
    user: todos.userId,
    deleted: todos.deletedAt,
  },
  {
    kind: 'plan',
    table: plans,
    id: plans.id,
    title: sql`${plans.title}`,
    body: sql`${plans.description}`,
    date: sql`${plans.createdAt}::date`,
    search: plans.searchText,
    searchTitle: plans.searchTitle,
    updated: plans.updatedAt,
    user: plans.userId,
    deleted: plans.deletedAt,
  },
  {
    kind: 'achievement',
    table: achievements,
    id: achievements.id,
    title: sql`${achievements.title}`,
    body: sql`${achievements.description} || ' ' || ${achievements.quantifiableResults} || ' ' || ca_join(${achievements.skills})`,
    date: sql`coalesce(${achievements.achievedOn}, ${achievements.createdAt}::date)`,
    search: achievements.searchText,
    searchTitle: achievements.searchTitle,
    updated: achievements.updatedAt,
    user: achievements.userId,
    deleted: achievements.deletedAt,
  },
  {
    kind: 'focus_item',
    table: focusItems,
    id: focusItems.id,
    title: sql`${focusItems.title}`,
    body: sql`${focusItems.description}`,
    date: sql`${focusItems.createdAt}::date`,
    search: focusItems.searchText,
    searchTitle: focusItems.searchTitle,
    updated: focusItems.updatedAt,
    user: focusItems.userId,
    deleted: focusItems.deletedAt,
  },
  {
    kind: 'report',
    table: reports,
    id: reports.id,
    title: sql`coalesce(nullif(${reports.title}, ''), ${reports.type} || ' ' || ${reports.periodStart})`,
    body: sql`${reports.accomplishments} || ' ' || ${reports.challenges} || ' ' || ${reports.learnings} || ' ' || ${reports.nextFocus}`,
    date: sql`${reports.periodEnd}`,
    search: reports.searchText,
    searchTitle: reports.searchTitle,
    updated: reports.updatedAt,
    user: reports.userId,
    deleted: reports.deletedAt,
  },
] as const;

function decodeOffset(cursor: string | undefined): number {
  if (!cursor) return 0;
  const value = Number(Buffer.from(cursor, 'base64url').toString('utf8'));
  if (!Number.isInteger(value) || value < 0 || value > 10_000)
    throw badRequest('The cursor is not valid.', [{ path: 'cursor', message: 'Not a cursor from this search' }]);
  return value;
}

/**
 * One search over everything the user wrote. Text is folded (lower case, no accents) on both
 * sides and matched as a substring, so Chinese needs no word breaks and `%`, `_` and `\` are
 * taken literally; trigram indexes serve queries of three characters or more. Best first: a
 * title that is the query, then one that starts with it, then any match; then the more of the
 * title the query covers, then the most recently changed.
 */
const dialect = new PgDialect();

/**
 * Title and text of a page of hits, in one statement with a fixed text (so it is prepared
 * once): $1 the user, then the ids of each kind in the order of TEXT_KINDS.
 */
const TEXT_KINDS = [...SOURCES.map((source) => source.kind), 'tag'] as const;
const TEXTS = dialect.sqlToQuery(
  sql.join(
    [
      ...SOURCES.map(
        (source, i) =>
          sql`select ${source.id} as id, ${source.title} as title, left(${source.body}, 4000) as body from ${source.table}
              where ${source.user} = ${sql.raw('$1')} and ${source.id} = any(${sql.raw(`$${i + 2}`)}::uuid[])`,
      ),
      sql`select ${tags.id}, ${tags.name}, '' from ${tags}
          where ${tags.userId} = ${sql.raw('$1')} and ${tags.id} = any(${sql.raw(`$${SOURCES.length + 2}`)}::uuid[])`,
    ],
    sql` union all `,
  ),
).sql;

export function createSearchService(db: Db) {
  /** Title and text of the hits of a page, by id. */
  async function textsOf(userId: string, hits: { kind: SearchKind; id: string }[]) {
    const out = new Map<string, { title: string; body: string }>();
    if (hits.length === 0) return out;
    const ids = TEXT_KINDS.map((kind) => hits.filter((hit) => hit.kind === kind).map((hit) => hit.id));
    const rows = await readRows<{ id: string; title: string; body: string }>(db, TEXTS, [userId, ...ids]);
    for (const row of rows) out.set(row.id, { title: row.title, body: row.body });
    return out;
  }

  return {
    async search(actor: Actor, query: SearchQueryInput): Promise<{ items: SearchHit[]; nextCursor: string | null }> {
      const offset = decodeOffset(query.cursor);
      const q = query.q?.trim() ?? '';
      const folded = sql`ca_fold(${q})`;
      const pattern = sql`'%' || replace(replace(replace(${folded}, '\\', '\\\\'), '%', '\\%'), '_', '\\_') || '%'`;
      const prefix = sql`replace(replace(replace(${folded}, '\\', '\\\\'), '%', '\\%'), '_', '\\_') || '%'`;
      const parts: SQL[] = [];
      for (const source of SOURCES) {
        if (query.kind && query.kind !== source.kind) continue;
        const conditions: SQL[] = [sql`${source.user} = ${actor.userId}`, sql`${source.deleted} is null`];
        if (q) conditions.push(sql`${source.search} like ${pattern}`);
        if (query.tag) conditions.push(hasTag(source.kind, source.id, actor.userId, query.tag));
        if (query.from) conditions.push(sql`${source.date} >= ${query.from}::date`);
        if (query.to) conditions.push(sql`${source.date} <= ${query.to}::date`);
        // Cheap to rank from stored folded columns: where the title matches, then how much of the
        // title the query covers, then how recently the item changed.
        const score = q
          ? sql`(case when ${source.searchTitle} = ${folded} then 3 when ${source.searchTitle} like ${prefix} then 2
                      when ${source.searchTitle} like ${pattern} then 1 else 0 end)
                + length(${folded})::float8 / greatest(length(${source.searchTitle}), 1)`
          : sql`0`;
        parts.push(sql`select ${source.kind}::text as kind, ${source.id} as id, (${score})::float8 as score, ${source.updated} as updated
                       from ${source.table} where ${sql.join(conditions, sql` and `)}`);
      }
      if (q && !query.tag && !query.from && !query.to && (!query.kind || query.kind === 'tag')) {
        parts.push(sql`select 'tag', ${tags.id}, (case when ca_fold(${tags.name}) = ${folded} then 3 when ca_fold(${tags.name}) like ${prefix} then 2 else 1 end)::float8, ${tags.createdAt}
                       from ${tags} where ${tags.userId} = ${actor.userId} and ca_fold(${tags.name}) like ${pattern}`);
      }
      if (parts.length === 0) return { items: [], nextCursor: null };
      // Rank first, on ids only; then read titles and text for just the page. The ranking is
      // planned for its values each time: whether a trigram index helps depends on the query.
      const ranking = dialect.sqlToQuery(
        sql`${sql.join(parts, sql` union all `)} order by score desc, updated desc, id limit ${query.limit + 1} offset ${offset}`,
      );
      const ranked = await readRows<{ kind: SearchKind; id: string; score: number }>(db, ranking.sql, ranking.params, {
        prepare: false,
      });
      const texts = await textsOf(actor.userId, ranked.slice(0, query.limit));
      const rows: Row[] = ranked
        .slice(0, query.limit)
        .map((hit) => ({ ...hit, ...(texts.get(hit.id) ?? { title: '', body: '' }) }));
      const page = rows;
      return {
        items: page.map((row) => {
          // The match in the body if it is there, else in the title; the body's start when listing a tag.
          const inBody = snippetOf(row.body, q);
          const { snippet, marks } = !q || inBody.marks.length ? inBody : snippetOf(row.title, q);
          return {
            kind: row.kind,
            id: row.id,
            title: row.title,
            snippet,
            marks,
            score: Math.round(Number(row.score) * 1000) / 1000,
          };
        }),
        nextCursor: ranked.length > query.limit ? Buffer.from(String(offset + query.limit)).toString('base64url') : null,
      };
    },
  };
}
export type SearchService = ReturnType<typeof createSearchService>;
