import { and, sql, type SQL } from 'drizzle-orm';
import { PgDialect } from 'drizzle-orm/pg-core';
import { readRows, type Db, type Executor } from '../db/client.ts';
import type { TaggableKind } from '../db/schema/index.ts';
import type { Clock } from '../lib/clock.ts';
import { notFound } from '../lib/problem.ts';
import { ownedItems, type OwnedTable } from '../repositories/owned.ts';
import { afterCursor, encodeCursor, orderByKeyset, pageFrom, toPage, type Keyset } from '../repositories/paging.ts';
import { deleteItemTags, setItemTags, tagsOf } from '../repositories/tags.repository.ts';
import type { Actor } from '../lib/actor.ts';

export interface ItemCrudOptions<T extends OwnedTable, Dto> {
  db: Db;
  clock: Clock;
  table: T;
  kind: TaggableKind;
  /** For "… not found." */
  label: string;
  toDto(row: T['$inferSelect'], tags: string[]): Dto;
  /** Rows to add to a new item beyond the input (owner, position…). */
  defaults?(db: Executor, actor: Actor): Promise<Partial<T['$inferInsert']>>;
  /**
   * The item as JSON built in SQL (see item-json.ts): lists then take one query and no mapping.
   * It must give what `toDto` gives, before `fromJson` (if any) finishes it.
   */
  json?: string;
  fromJson?(item: Dto): Dto;
}

type WithTags = { tags?: string[] | undefined };

/** Renders conditions built with Drizzle into text and parameters, without a query builder. */
const dialect = new PgDialect();
/** Runs inside the write's transaction: for work that must exist exactly when the write does (jobs). */
type AfterWrite<Row> = (tx: Executor, row: Row) => Promise<void>;

/**
 * What every kind of item does the same way: read one, create, update, send to the trash, and
 * keep its tags in step, each in one transaction and scoped to the acting user.
 */
export function createItemCrud<T extends OwnedTable, Dto>(options: ItemCrudOptions<T, Dto>) {
  const { db, clock, table, kind, label, toDto } = options;
  const repo = ownedItems(table);

  async function withTags(executor: Executor, userId: string, rows: T['$inferSelect'][]): Promise<Dto[]> {
    const tags = await tagsOf(
      executor,
      userId,
      kind,
      rows.map((row) => row.id as string),
    );
    return rows.map((row) => toDto(row, tags.get(row.id as string) ?? []));
  }

  async function findOrThrow(executor: Executor, actor: Actor, id: string) {
    const row = await repo.find(executor, actor.userId, id);
    if (!row) throw notFound(label);
    return row;
  }

  return {
    repo,
    withTags,
    findOrThrow,

    /** One page of the user's live items that meet `conditions`, in keyset order. */
    async listPage(
      actor: Actor,
      conditions: (SQL | undefined)[],
      keyset: Keyset<T['$inferSelect']>,
      page: { limit: number; cursor?: string | undefined },
    ): Promise<{ items: Dto[]; nextCursor: string | null }> {
      const where = and(repo.ownedBy(actor.userId), ...conditions, afterCursor(keyset, page.cursor));
      if (options.json && keyset.json) {
        // One statement: the items as JSON with their tags, and each one's cursor value.
        const query = dialect.sqlToQuery(
          sql`select ${sql.raw(options.json)} as item, ${sql.raw(keyset.json)} as key from ${table}
              where ${where} order by ${sql.join(orderByKeyset(keyset), sql`, `)} limit ${page.limit + 1}`,
        );
        const rows = await readRows<{ item: Dto; key: string | number }>(db, query.sql, query.params);
        const result = pageFrom(rows, page.limit, (last) => encodeCursor(last.key, (last.item as { id: string }).id));
        const fromJson = options.fromJson;
        return {
          items: result.rows.map((row) => (fromJson ? fromJson(row.item) : row.item)),
          nextCursor: result.nextCursor,
        };
      }
      const rows = await (db as any)
        .select()
        .from(table)
        .where(where)
        .orderBy(...orderByKeyset(keyset))
        .limit(page.limit + 1);
      const result = toPage<T['$inferSelect']>(rows, page.limit, keyset);
      return { items: await withTags(db, actor.userId, result.rows), nextCursor: result.nextCursor };
    },

    async get(actor: Actor, id: string): Promise<Dto> {
      return (await withTags(db, actor.userId, [await findOrThrow(db, actor, id)]))[0]!;
    },

    async create(
      actor: Actor,
      input: object & WithTags,
      extra: Partial<T['$inferInsert']> = {},
      afterWrite?: AfterWrite<T['$inferSelect']>,
    ): Promise<Dto> {
      return db.transaction(async (tx) => {
        const { tags = [], ...fields } = input;
        const now = clock.now();
        const defaults = (await options.defaults?.(tx, actor)) ?? {};
        const row = await repo.insert(tx, {
          ...defaults,
          ...fields,
          ...extra,
          userId: actor.userId,
          createdAt: now,
          updatedAt: now,
        } as T['$inferInsert']);
        await setItemTags(tx, actor.userId, kind, row.id as string, tags);
        await afterWrite?.(tx, row);
        return (await withTags(tx, actor.userId, [row]))[0]!;
      });
    },

    async update(
      actor: Actor,
      id: string,
      input: object & WithTags,
      extra: Partial<T['$inferInsert']> = {},
      afterWrite?: AfterWrite<T['$inferSelect']>,
    ): Promise<Dto> {
      return db.transaction(async (tx) => {
        const { tags, ...fields } = input;
        const row = await repo.update(tx, actor.userId, id, { ...fields, ...extra } as Partial<T['$inferInsert']>, clock.now());
        if (!row) throw notFound(label);
        if (tags) await setItemTags(tx, actor.userId, kind, id, tags);
        await afterWrite?.(tx, row);
        return (await withTags(tx, actor.userId, [row]))[0]!;
      });
    },

    async remove(actor: Actor, id: string): Promise<void> {
      if (!(await repo.moveToTrash(db, actor.userId, id, clock.now()))) throw notFound(label);
    },

    /** Purging (after the trash period) takes the item's tag links with it. */
    deleteTags: (executor: Executor, userId: string, ids: string[]) => deleteItemTags(executor, userId, kind, ids),
  };
}
