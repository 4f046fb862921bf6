import { sql, type Column, type SQL } from 'drizzle-orm';
import { badRequest } from '../lib/problem.ts';

/**
 * Keyset pagination: rows are ordered by (key, id) and a cursor holds the last row's pair, so a
 * page costs the same however deep it is and concurrent inserts never shift it.
 */
export interface Keyset<Row> {
  /** The sort expression; must not be null (coalesce it). */
  key: SQL;
  /** PostgreSQL type of the key, for the cursor parameter. */
  type: 'float8' | 'timestamptz' | 'date' | 'text';
  direction: 'asc' | 'desc';
  id: Column;
  /** The key's value for a row, as it goes into a cursor. */
  valueOf(row: Row): string | number;
  idOf(row: Row): string;
  /**
   * The same value computed by PostgreSQL as JSON (SQL text over the table's own name), for lists
   * read as JSON (see item-json.ts); it must equal what `valueOf` gives for the row.
   */
  json?: string;
}

export function encodeCursor(value: string | number, id: string): string {
  return Buffer.from(JSON.stringify([value, id])).toString('base64url');
}

export function decodeCursor(cursor: string): [string | number, string] {
  try {
    const parsed: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (
      Array.isArray(parsed) &&
      parsed.length === 2 &&
      ['string', 'number'].includes(typeof parsed[0]) &&
      typeof parsed[1] === 'string'
    ) {
      return parsed as [string | number, string];
    }
  } catch {
    // fall through
  }
  throw badRequest('The cursor is not valid.', [{ path: 'cursor', message: 'Not a cursor from this list' }]);
}

/** The condition "after the cursor", or undefined for the first page. */
export function afterCursor<Row>(keyset: Keyset<Row>, cursor: string | undefined): SQL | undefined {
  if (!cursor) return undefined;
  const [value, id] = decodeCursor(cursor);
  const op = keyset.direction === 'asc' ? sql`>` : sql`<`;
  return sql`(${keyset.key}, ${keyset.id}) ${op} (${value}::${sql.raw(keyset.type)}, ${id}::uuid)`;
}

export function orderByKeyset<Row>(keyset: Keyset<Row>): SQL[] {
  return keyset.direction === 'asc'
    ? [sql`${keyset.key} asc`, sql`${keyset.id} asc`]
    : [sql`${keyset.key} desc`, sql`${keyset.id} desc`];
}

/** Given up to limit + 1 rows, the page and the cursor of the next one. */
export function toPage<Row>(rows: Row[], limit: number, keyset: Keyset<Row>): { rows: Row[]; nextCursor: string | null } {
  if (rows.length <= limit) return { rows, nextCursor: null };
  const page = rows.slice(0, limit);
  const last = page[page.length - 1]!;
  return { rows: page, nextCursor: encodeCursor(keyset.valueOf(last), keyset.idOf(last)) };
}
