import { sql } from 'drizzle-orm';
import { queryRows, type Db } from '../../src/db/client.ts';

/** Every table holding user data, found in the catalogue so new tables are covered too. */
export async function userTables(db: Db): Promise<{ table: string; column: string }[]> {
  const rows = await queryRows<{ table_name: string; column_name: string }>(
    db,
    sql`select table_name, column_name from information_schema.columns
        where table_schema = 'public' and column_name = 'user_id'
        union select 'users', 'id' order by 1`,
  );
  return rows.map((row) => ({ table: row.table_name, column: row.column_name }));
}

/** All of a user's rows, table by table, as text: equal snapshots mean nothing changed. */
export async function snapshotUser(db: Db, userId: string): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const { table, column } of await userTables(db)) {
    const rows = await queryRows<{ row: unknown }>(
      db,
      sql`select to_jsonb(t) as row from ${sql.identifier(table)} t where ${sql.identifier(column)} = ${userId} order by to_jsonb(t)::text`,
    );
    out[table] = JSON.stringify(rows.map((r) => r.row));
  }
  return out;
}

export async function rowCounts(db: Db, userId: string): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const { table, column } of await userTables(db)) {
    const [row] = await queryRows<{ n: number }>(
      db,
      sql`select count(*)::int as n from ${sql.identifier(table)} where ${sql.identifier(column)} = ${userId}`,
    );
    out[table] = row!.n;
  }
  return out;
}
