import { sql, type SQL } from 'drizzle-orm';
import { PgDialect } from 'drizzle-orm/pg-core';
import type { CareerSection, SearchKind } from '@career-anchor/contracts';
import { readRows, type Db, type Executor } from '../db/client.ts';
import { achievements, careerEntries, focusItems, plans, reports, tags, todos } from '../db/schema/index.ts';
import { hasTag } from './tags.repository.ts';

type Searchable = typeof todos | typeof plans | typeof achievements | typeof focusItems | typeof reports | typeof careerEntries;

/**
 * A kind: its table, title (the column unless given), the rest of its text (for the snippet), the
 * date filters use, and what more a hit says (a career entry's section).
 */
function source<K extends SearchKind>(kind: K, table: Searchable, text: { title?: SQL; body: SQL; date: SQL; section?: SQL }) {
  return {
    kind,
    table,
    id: table.id,
    title: text.title ?? sql`${table.title}`,
    body: text.body,
    date: text.date,
    section: text.section ?? sql`null::text`,
    search: table.searchText,
    searchTitle: table.searchTitle,
    updated: table.updatedAt,
    user: table.userId,
    deleted: table.deletedAt,
    tagNames: table.tagNames,
  };
}

const SOURCES = [
  source('todo', todos, {
    body: sql`${todos.notes} || ' ' || ${todos.summary}`,
    date: sql`coalesce(${todos.completedAt}, ${todos.createdAt})::date`,
  }),
  source('plan', plans, { body: sql`${plans.description}`, date: sql`${plans.createdAt}::date` }),
  source('achievement', achievements, {
    body: sql`${achievements.description} || ' ' || ${achievements.quantifiableResults} || ' ' || ca_join(${achievements.skills})`,
    date: sql`coalesce(${achievements.achievedOn}, ${achievements.createdAt}::date)`,
  }),
  source('focus_item', focusItems, { body: sql`${focusItems.description}`, date: sql`${focusItems.createdAt}::date` }),
  source('report', reports, {
    title: sql`coalesce(nullif(${reports.title}, ''), ${reports.type} || ' ' || ${reports.periodStart})`,
    body: sql`${reports.accomplishments} || ' ' || ${reports.challenges} || ' ' || ${reports.learnings} || ' ' || ${reports.nextFocus}`,
    date: sql`${reports.periodEnd}`,
  }),
  // An entry with no name of its own is named by its section, in the service.
  source('career_entry', careerEntries, {
    body: sql`ca_career_text(${careerEntries.fields})`,
    date: sql`${careerEntries.createdAt}::date`,
    section: sql`${careerEntries.section}`,
  }),
] as const;

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
          sql`select ${source.id} as id, ${source.title} as title, left(${source.body}, 4000) as body, ${source.section} as section
              from ${source.table}
              where ${source.user} = ${sql.raw('$1')} and ${source.id} = any(${sql.raw(`$${i + 2}`)}::uuid[])`,
      ),
      sql`select ${tags.id}, ${tags.name}, '', null::text from ${tags}
          where ${tags.userId} = ${sql.raw('$1')} and ${tags.id} = any(${sql.raw(`$${SOURCES.length + 2}`)}::uuid[])`,
    ],
    sql` union all `,
  ),
).sql;

export interface SearchFilter {
  /** Each must be found in the item's text (see lib/search-terms.ts); none lists everything the other filters keep. */
  terms: readonly string[];
  kind?: SearchKind | undefined;
  tag?: string | undefined;
  from?: string | undefined;
  to?: string | undefined;
}
export type RankedHit = { kind: SearchKind; id: string; score: number };
/** A hit's text, and a career entry's section (null for other kinds). */
export type HitText = { title: string; body: string; section: CareerSection | null };

/** A term folded as the stored columns are, as LIKE patterns that take %, _ and \ literally. */
function termOf(term: string) {
  const folded = sql`ca_fold(${term})`;
  const literal = sql`replace(replace(replace(${folded}, '\\', '\\\\'), '%', '\\%'), '_', '\\_')`;
  return { folded, anywhere: sql`'%' || ${literal} || '%'`, prefix: sql`${literal} || '%'` };
}
type Term = ReturnType<typeof termOf>;

/**
 * How well a (folded) title answers: 4 when it is the query, 3 when it holds every term and
 * starts with one of them, 2 when it holds every term, 1 when some, 0 when none; plus the share
 * of the title the terms found in it cover.
 */
function titleScore(title: SQL, terms: readonly Term[], whole: SQL): SQL {
  const found = terms.map((term) => sql`${title} like ${term.anywhere}`);
  const count = sql.join(
    found.map((match) => sql`(${match})::int`),
    sql` + `,
  );
  const all = sql`${count} = ${sql.raw(String(terms.length))}`;
  const covered = sql.join(
    terms.map((term, i) => sql`case when ${found[i]} then length(${term.folded}) else 0 end`),
    sql` + `,
  );
  const startsWithOne = sql.join(
    terms.map((term) => sql`${title} like ${term.prefix}`),
    sql` or `,
  );
  return sql`(case when ${title} = ${whole} then 4 when ${all} and (${startsWithOne}) then 3
                   when ${all} then 2 when ${count} > 0 then 1 else 0 end)
             + least((${covered})::float8 / greatest(length(${title}), 1), 1)`;
}

/** Search over one user's items: every query is scoped to `userId`. */
export function searchRepository(db: Executor, userId: string) {
  return {
    /**
     * Hits, best first, as kind, id and score only: text is read for the page alone. Every
     * term must be in the item's stored folded text (trigram indexes serve terms of three
     * characters or more; shorter ones scan, and still answer right). Ties: most recently
     * changed first.
     */
    async rank(filter: SearchFilter, page: { offset: number; limit: number }): Promise<RankedHit[]> {
      const terms = filter.terms.map(termOf);
      const whole = sql`ca_fold(${filter.terms.join(' ')})`;
      const parts: SQL[] = [];
      for (const source of SOURCES) {
        if (filter.kind && filter.kind !== source.kind) continue;
        const conditions: SQL[] = [sql`${source.user} = ${userId}`, sql`${source.deleted} is null`];
        for (const term of terms) conditions.push(sql`${source.search} like ${term.anywhere}`);
        if (filter.tag) conditions.push(hasTag(source.tagNames, userId, filter.tag));
        if (filter.from) conditions.push(sql`${source.date} >= ${filter.from}::date`);
        if (filter.to) conditions.push(sql`${source.date} <= ${filter.to}::date`);
        const score = terms.length ? titleScore(sql`${source.searchTitle}`, terms, whole) : sql`0`;
        parts.push(sql`select ${source.kind}::text as kind, ${source.id} as id, (${score})::float8 as score, ${source.updated} as updated
                       from ${source.table} where ${sql.join(conditions, sql` and `)}`);
      }
      if (terms.length && !filter.tag && !filter.from && !filter.to && (!filter.kind || filter.kind === 'tag')) {
        const name = sql`ca_fold(${tags.name})`;
        const every = sql.join(
          terms.map((term) => sql`${name} like ${term.anywhere}`),
          sql` and `,
        );
        parts.push(sql`select 'tag', ${tags.id}, (${titleScore(name, terms, whole)})::float8, ${tags.createdAt}
                       from ${tags} where ${tags.userId} = ${userId} and ${every}`);
      }
      if (parts.length === 0) return [];
      // Planned for its values each time: whether a trigram index helps depends on the terms.
      const ranking = dialect.sqlToQuery(
        sql`${sql.join(parts, sql` union all `)} order by score desc, updated desc, id limit ${page.limit} offset ${page.offset}`,
      );
      return readRows<RankedHit>(db as Db, ranking.sql, ranking.params, { prepare: false });
    },

    /** Title and text of the given hits, by id. */
    async texts(hits: readonly { kind: SearchKind; id: string }[]): Promise<Map<string, HitText>> {
      const out = new Map<string, HitText>();
      if (hits.length === 0) return out;
      const ids = TEXT_KINDS.map((kind) => hits.filter((hit) => hit.kind === kind).map((hit) => hit.id));
      const rows = await readRows<{ id: string } & HitText>(db as Db, TEXTS, [userId, ...ids]);
      for (const row of rows) out.set(row.id, { title: row.title, body: row.body, section: row.section });
      return out;
    },
  };
}
