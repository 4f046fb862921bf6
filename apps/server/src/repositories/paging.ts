import { sql, type Column, type SQL } from 'drizzle-orm';
import { isUuid } from '../lib/ids.ts';
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
  /** For a text key: the form its values take, so a cursor holding anything else is refused. */
  pattern?: RegExp;
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

export const invalidCursor = () =>
  badRequest('The cursor is not valid.', [{ path: 'cursor', message: 'Not a cursor from this list' }]);

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const TIMESTAMP = /^(\d{4}-\d{2}-\d{2})T([01]\d|2[0-3]):[0-5]\d:[0-5]\d(\.\d{1,6})?Z$/;
/** A calendar day that exists (no 30 February), so PostgreSQL's cast cannot fail on it. */
const isDay = (day: string) => {
  const time = Date.parse(`${day}T00:00:00Z`);
  return !Number.isNaN(time) && new Date(time).toISOString().slice(0, 10) === day;
};

/** Whether a cursor's value is one PostgreSQL will take as the key's type. */
function fitsType(type: Keyset<unknown>['type'], value: unknown): boolean {
  switch (type) {
    case 'float8':
      return typeof value === 'number' && Number.isFinite(value);
    case 'text':
      return typeof value === 'string';
    case 'date':
      return typeof value === 'string' && DATE.test(value) && isDay(value);
    case 'timestamptz': {
      if (value === '-infinity') return true;
      const match = typeof value === 'string' ? TIMESTAMP.exec(value) : null;
      return match !== null && isDay(match[1]!);
    }
  }
}

/**
 * A cursor's key value and id, checked against the key's type and the id's form: a cursor that
 * was tampered with answers 400 instead of failing a cast in the database.
 */
export function decodeCursor<Type extends Keyset<unknown>['type']>(
  cursor: string,
  type: Type,
  pattern?: RegExp,
): [Type extends 'float8' ? number : string, string] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw invalidCursor();
  }
  if (
    !Array.isArray(parsed) ||
    parsed.length !== 2 ||
    !fitsType(type, parsed[0]) ||
    (pattern && !pattern.test(String(parsed[0]))) ||
    typeof parsed[1] !== 'string' ||
    !isUuid(parsed[1])
  ) {
    throw invalidCursor();
  }
  return parsed as [Type extends 'float8' ? number : string, string];
}

/** The condition "after the cursor", or undefined for the first page. */
export function afterCursor<Row>(keyset: Keyset<Row>, cursor: string | undefined): SQL | undefined {
  if (!cursor) return undefined;
  const [value, id] = decodeCursor(cursor, keyset.type, keyset.pattern);
  const op = keyset.direction === 'asc' ? sql`>` : sql`<`;
  return sql`(${keyset.key}, ${keyset.id}) ${op} (${value}::${sql.raw(keyset.type)}, ${id}::uuid)`;
}

export function orderByKeyset<Row>(keyset: Keyset<Row>): SQL[] {
  return keyset.direction === 'asc'
    ? [sql`${keyset.key} asc`, sql`${keyset.id} asc`]
    : [sql`${keyset.key} desc`, sql`${keyset.id} desc`];
}

/** Given up to limit + 1 rows, the page and the cursor after its last row (made by `cursorOf`). */
export function pageFrom<Row>(
  rows: Row[],
  limit: number,
  cursorOf: (last: Row) => string,
): { rows: Row[]; nextCursor: string | null } {
  if (rows.length <= limit) return { rows, nextCursor: null };
  const page = rows.slice(0, limit);
  return { rows: page, nextCursor: cursorOf(page[page.length - 1]!) };
}

/** Given up to limit + 1 rows, the page and the cursor of the next one. */
export function toPage<Row>(rows: Row[], limit: number, keyset: Keyset<Row>): { rows: Row[]; nextCursor: string | null } {
  return pageFrom(rows, limit, (last) => encodeCursor(keyset.valueOf(last), keyset.idOf(last)));
}
