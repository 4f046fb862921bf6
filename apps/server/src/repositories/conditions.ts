import { and, eq, sql, type Column, type SQL } from 'drizzle-orm';
import type { AnyPgColumn, PgTable } from 'drizzle-orm/pg-core';
import type { Executor } from '../db/client.ts';
import { isUuid } from '../lib/ids.ts';

/**
 * `column = id`, where an id that is not a UUID matches nothing instead of making PostgreSQL
 * raise a cast error: a malformed id is simply "not found".
 */
export function idEq(column: Column, id: string): SQL {
  return isUuid(id) ? eq(column, id) : sql`false`;
}

/** Deletes the user's row with this id; whether there was one (another user's id reads as not found). */
export async function deleteUserRow(
  db: Executor,
  table: PgTable & { id: AnyPgColumn; userId: AnyPgColumn },
  userId: string,
  id: string,
): Promise<boolean> {
  // drizzle's generics do not follow a table passed as a parameter
  const rows: unknown[] = await (db as any)
    .delete(table)
    .where(and(idEq(table.id, id), eq(table.userId, userId)))
    .returning({ id: table.id });
  return rows.length > 0;
}
