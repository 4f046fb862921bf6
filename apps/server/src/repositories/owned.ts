import { and, eq, isNull, sql, type SQL } from 'drizzle-orm';
import type { AnyPgColumn, PgTable } from 'drizzle-orm/pg-core';
import type { Executor } from '../db/client.ts';
import { idEq } from './conditions.ts';

/** A table of user-owned items that go to the trash before they are purged. */
export type OwnedTable = PgTable & { id: AnyPgColumn; userId: AnyPgColumn; deletedAt: AnyPgColumn; updatedAt: AnyPgColumn };

/**
 * The queries every kind of item shares. Each is scoped by the owner and skips trashed rows, so
 * another user's id, or a deleted item's, reads as not found. `scope`, where a table holds several
 * kinds (career entries, by section), is what every row of this kind meets.
 */
export function ownedItems<T extends OwnedTable>(table: T, scope?: SQL) {
  type Row = T['$inferSelect'];
  const live = (userId: string, id: string): SQL =>
    and(idEq(table.id, id), eq(table.userId, userId), isNull(table.deletedAt), scope)!;
  const anyDb = (db: Executor) => db as any; // drizzle's generics do not follow a table passed as a parameter

  return {
    live,
    /** Live rows of this user, for list queries. */
    ownedBy: (userId: string): SQL => and(eq(table.userId, userId), isNull(table.deletedAt), scope)!,

    async find(db: Executor, userId: string, id: string): Promise<Row | undefined> {
      const [row] = await anyDb(db).select().from(table).where(live(userId, id)).limit(1);
      return row;
    },

    async insert(db: Executor, values: T['$inferInsert']): Promise<Row> {
      const [row] = await anyDb(db).insert(table).values(values).returning();
      return row;
    },

    async update(
      db: Executor,
      userId: string,
      id: string,
      values: Partial<T['$inferInsert']>,
      now: Date,
    ): Promise<Row | undefined> {
      const [row] = await anyDb(db)
        .update(table)
        .set({ ...values, updatedAt: now })
        .where(live(userId, id))
        .returning();
      return row;
    },

    async moveToTrash(db: Executor, userId: string, id: string, now: Date): Promise<boolean> {
      const rows = await anyDb(db).update(table).set({ deletedAt: now }).where(live(userId, id)).returning({ id: table.id });
      return rows.length > 0;
    },
  };
}

/**
 * A position before the first or after the last of the user's items (trash included, so a
 * restored item keeps its place), among those in `scope` where given.
 */
export async function endPosition(
  db: Executor,
  table: PgTable & { userId: AnyPgColumn; position: AnyPgColumn },
  userId: string,
  end: 'first' | 'last',
  scope?: SQL,
): Promise<number> {
  const edge = end === 'first' ? sql`min(${table.position})` : sql`max(${table.position})`;
  const [row] = await (db as any)
    .select({ edge: sql<number | null>`${edge}` })
    .from(table)
    .where(and(eq(table.userId, userId), scope));
  const value = row?.edge === null || row?.edge === undefined ? 0 : Number(row.edge);
  return end === 'first' ? value - 1 : value + 1;
}
