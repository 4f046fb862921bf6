import { and, eq, sql, type Column, type SQL } from 'drizzle-orm';
import { PgDialect, type AnyPgColumn } from 'drizzle-orm/pg-core';
import { readRows, type Db, type Executor } from '../db/client.ts';
import type { TaggableKind } from '../db/schema/index.ts';
import type { JsonText } from '../lib/json-text.ts';
import { endPosition, ownedItems, type OwnedTable } from './owned.ts';
import { afterCursor, encodeCursor, orderByKeyset, pageFrom, toPage, type Keyset } from './paging.ts';
import { hasTag, setItemTags, tagsOf } from './tags.repository.ts';
import { containsText } from './text-filter.ts';

/** What a kind of item is to the generic queries: its table, how it reads as JSON, sorts and filters. */
export interface ItemSpec<T extends OwnedTable, Filter, Sort extends string> {
  table: T;
  kind: TaggableKind;
  /** The item as JSON built in SQL (see item-json.ts), so a list is one statement with no mapping. */
  json?: string;
  /** The list's orders; with `json`, each needs its own `json` key too. */
  keysets: Record<Sort, Keyset<T['$inferSelect']>>;
  /** Where a new item goes among the user's items, for kinds the user orders by hand. */
  position?: 'first' | 'last';
  /**
   * Where a table holds several kinds (career entries, by section): the condition every row of
   * this kind meets, and the values that make a new row one.
   */
  scope?: { where: SQL; values: Partial<T['$inferInsert']> };
  /** The list filter as conditions (each undefined when not asked for). */
  where(filter: Filter, db: Db, userId: string): Promise<(SQL | undefined)[]> | (SQL | undefined)[];
}

export interface ListPage {
  limit: number;
  cursor?: string | undefined;
}

/**
 * A page of a list: the items as one JSON array in text, as the database wrote them (kinds with a
 * JSON form), else rows for the service to shape.
 */
export type ListResult<Row> = ({ json: JsonText<unknown[]> } | { rows: Row[] }) & { nextCursor: string | null };

/** The shared queries of one kind of item, bound to one user (see `itemsRepository`). */
export interface ItemsRepository<Row, Insert, Filter, Sort extends string> {
  list(filter: Filter, sort: Sort, page: ListPage): Promise<ListResult<Row>>;
  find(id: string): Promise<Row | undefined>;
  insert(values: Insert): Promise<Row>;
  update(id: string, values: Partial<Insert>, now: Date): Promise<Row | undefined>;
  moveToTrash(id: string, now: Date): Promise<boolean>;
  tagsOf(ids: string[]): Promise<Map<string, string[]>>;
  setTags(id: string, names: string[]): Promise<void>;
}

/** The user's own order (position, then id), for kinds ordered by hand; `name` is the table's SQL name. */
export function byPosition<T extends OwnedTable & { position: AnyPgColumn }>(table: T, name: string): Keyset<T['$inferSelect']> {
  return {
    key: sql`${table.position}`,
    type: 'float8',
    direction: 'asc',
    id: table.id,
    valueOf: (row) => row.position as number,
    idOf: (row) => row.id as string,
    json: `to_json(${name}.position)`,
  };
}

/** The filters every kind shares: carries the tag (ignoring case); contains the text in one of `columns`. */
export async function tagAndText(
  table: OwnedTable & { searchText: Column; tagNames: Column },
  filter: { tag?: string | undefined; q?: string | undefined },
  db: Db,
  userId: string,
  columns: (Column | SQL)[],
): Promise<(SQL | undefined)[]> {
  return [
    filter.tag ? hasTag(table.tagNames, userId, filter.tag) : undefined,
    filter.q ? await containsText(db, filter.q, columns, table.searchText) : undefined,
  ];
}

/** The list filters of a kind with a status, tags and text. */
export interface StatusTagTextFilter<Status extends string> {
  status?: Status | undefined;
  tag?: string | undefined;
  q?: string | undefined;
}

/** A kind the user orders by hand, added last, filtered by status, tag and text in `columns` (plans, focus items). */
export function orderedItemSpec<
  T extends OwnedTable & { position: AnyPgColumn; status: AnyPgColumn; searchText: Column; tagNames: Column },
  Status extends string,
>(
  table: T,
  names: { sql: string; kind: TaggableKind },
  json: string,
  columns: Column[],
): ItemSpec<T, StatusTagTextFilter<Status>, 'position'> {
  return {
    table,
    kind: names.kind,
    json,
    position: 'last',
    keysets: { position: byPosition(table, names.sql) },
    async where(filter, db, userId) {
      return [
        filter.status ? eq(table.status, filter.status) : undefined,
        ...(await tagAndText(table, filter, db, userId, columns)),
      ];
    },
  };
}

/** Renders conditions built with Drizzle into text and parameters, without a query builder. */
const dialect = new PgDialect();

/**
 * The queries every kind of item shares, bound to one user: a page of the list (one statement
 * giving each item as JSON with its tags and its cursor value, where the kind has a JSON form),
 * find, insert, update, send to the trash, and the item's tags. Each skips other users' rows and
 * trashed ones, so those read as not found.
 */
export function itemsRepository<T extends OwnedTable, Filter, Sort extends string>(
  spec: ItemSpec<T, Filter, Sort>,
  db: Executor,
  userId: string,
): ItemsRepository<T['$inferSelect'], Omit<T['$inferInsert'], 'userId'>, Filter, Sort> {
  type Row = T['$inferSelect'];
  const { table, kind, scope } = spec;
  const owned = ownedItems(table, scope?.where);

  return {
    async list(filter, sort, page) {
      const keyset = spec.keysets[sort];
      const where = and(owned.ownedBy(userId), ...(await spec.where(filter, db as Db, userId)), afterCursor(keyset, page.cursor));
      const order = orderByKeyset(keyset);
      if (spec.json && keyset.json) {
        // The page is chosen first and only its rows are written as JSON: in one select, the JSON
        // would be built for every match before the sort, a thousand rows for a page of fifty.
        // Each row's JSON is read by its key (a subquery per row): joined back, a page of fifty
        // was planned as a scan of every row of the table.
        const direction = sql.raw(keyset.direction);
        const query = dialect.sqlToQuery(
          sql`select (select ${sql.raw(spec.json)} from ${table} where ${table}.id = page.id)::text as item, page.id, page.key from (
                select ${table}.id, ${keyset.key} as sort, ${sql.raw(keyset.json)} as key from ${table}
                where ${where} order by ${sql.join(order, sql`, `)} limit ${page.limit + 1}) page
              order by page.sort ${direction}, page.id ${direction}`,
        );
        // Lists never run inside a transaction: straight to the driver. Each item comes as text and
        // is passed on as it is; parsing it only to serialize it again cost more than the query.
        // A text filter is planned for its own words: a common word walks the list's order and
        // stops at a page, a rare one reads the trigram index (a plan kept for any word sorts all).
        const text = (filter as { q?: string | undefined }).q?.trim();
        const rows = await readRows<{ item: string; id: string; key: string | number }>(db as Db, query.sql, query.params, {
          prepare: !text,
        });
        const result = pageFrom(rows, page.limit, (last) => encodeCursor(last.key, last.id));
        return { json: `[${result.rows.map((row) => row.item).join(',')}]`, nextCursor: result.nextCursor };
      }
      const rows: Row[] = await (db as any)
        .select()
        .from(table)
        .where(where)
        .orderBy(...order)
        .limit(page.limit + 1);
      return toPage<Row>(rows, page.limit, keyset);
    },

    find: (id) => owned.find(db, userId, id),

    /** Adds the item for this user (placed first or last where the kind is ordered by hand). */
    async insert(values) {
      const position = spec.position
        ? { position: await endPosition(db, table as never, userId, spec.position, scope?.where) }
        : {};
      return owned.insert(db, { ...position, ...values, ...scope?.values, userId } as T['$inferInsert']);
    },

    update: (id, values, now) => owned.update(db, userId, id, values as Partial<T['$inferInsert']>, now),
    moveToTrash: (id, now) => owned.moveToTrash(db, userId, id, now),
    tagsOf: (ids) => tagsOf(db, userId, kind, ids),
    setTags: (id, names) => setItemTags(db, userId, kind, id, names),
  };
}
