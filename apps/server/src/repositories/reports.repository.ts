import { and, eq, gte, inArray, isNull, lte, sql } from 'drizzle-orm';
import type { Executor } from '../db/client.ts';
import { reports, todos } from '../db/schema/index.ts';
import { ownedItems } from './owned.ts';
import { afterCursor, orderByKeyset, toPage, type Keyset } from './paging.ts';
import { hasTag, setItemTags, tagsOf } from './tags.repository.ts';

export type ReportRow = typeof reports.$inferSelect;
export type ReportValues = Partial<Omit<typeof reports.$inferInsert, 'id' | 'userId'>>;
/** Work that must exist exactly when the write does (a queued job), run in the write's transaction. */
export type AfterReportWrite = (tx: Executor, row: ReportRow) => Promise<void>;

const newestPeriodFirst: Keyset<ReportRow> = {
  key: sql`${reports.periodStart}`,
  type: 'date',
  direction: 'desc',
  id: reports.id,
  valueOf: (row) => row.periodStart,
  idOf: (row) => row.id,
};

const items = ownedItems(reports);

/** The acting user's reports, each with its tags; trashed reports read as not found. */
export function reportsRepository(db: Executor, userId: string) {
  const withTags = async (executor: Executor, rows: ReportRow[]) => {
    const tags = await tagsOf(
      executor,
      userId,
      'report',
      rows.map((row) => row.id),
    );
    return rows.map((row) => ({ row, tags: tags.get(row.id) ?? [] }));
  };

  /** Writes one report and its tags in one transaction, then reads it back with them. */
  const write = (work: (tx: Executor) => Promise<ReportRow | undefined>, tags: string[] | undefined, after?: AfterReportWrite) =>
    db.transaction(async (tx) => {
      const row = await work(tx);
      if (!row) return undefined;
      if (tags) await setItemTags(tx, userId, 'report', row.id, tags);
      await after?.(tx, row);
      return (await withTags(tx, [row]))[0]!;
    });

  return {
    async find(id: string) {
      const row = await items.find(db, userId, id);
      return row ? (await withTags(db, [row]))[0]! : undefined;
    },

    /** One page, newest period first. */
    async list(
      filter: {
        type?: string | undefined;
        status?: string | undefined;
        tag?: string | undefined;
        from?: string | undefined;
        to?: string | undefined;
      },
      page: { limit: number; cursor?: string | undefined },
    ) {
      const rows = await db
        .select()
        .from(reports)
        .where(
          and(
            items.ownedBy(userId),
            filter.type ? eq(reports.type, filter.type) : undefined,
            filter.status ? eq(reports.status, filter.status) : undefined,
            filter.tag ? hasTag(reports.tagNames, userId, filter.tag) : undefined,
            filter.from ? gte(reports.periodEnd, filter.from) : undefined,
            filter.to ? lte(reports.periodStart, filter.to) : undefined,
            afterCursor(newestPeriodFirst, page.cursor),
          ),
        )
        .orderBy(...orderByKeyset(newestPeriodFirst))
        .limit(page.limit + 1);
      const result = toPage(rows, page.limit, newestPeriodFirst);
      return { items: await withTags(db, result.rows), nextCursor: result.nextCursor };
    },

    insert: (
      values: ReportValues & Pick<typeof reports.$inferInsert, 'type' | 'periodStart' | 'periodEnd'>,
      tags: string[],
      now: Date,
      after?: AfterReportWrite,
    ) =>
      write((tx) => items.insert(tx, { ...values, userId, createdAt: now, updatedAt: now }), tags, after).then((found) => found!),

    update: (id: string, values: ReportValues, tags: string[] | undefined, now: Date, after?: AfterReportWrite) =>
      write((tx) => items.update(tx, userId, id, values, now), tags, after),

    moveToTrash: (id: string, now: Date) => items.moveToTrash(db, userId, id, now),

    /** How many of these ids are the user's own live to-dos (a report may only cite those). */
    async countOwnTodos(ids: string[]): Promise<number> {
      const [row] = await db
        .select({ n: sql<number>`count(*)::int` })
        .from(todos)
        .where(and(eq(todos.userId, userId), isNull(todos.deletedAt), inArray(todos.id, ids)));
      return row?.n ?? 0;
    },
  };
}
