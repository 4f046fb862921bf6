import { eq, sql, type Column, type SQL } from 'drizzle-orm';
import { isUuid } from '../lib/ids.ts';

/**
 * `column = id`, where an id that is not a UUID matches nothing instead of making PostgreSQL
 * raise a cast error: a malformed id is simply "not found".
 */
export function idEq(column: Column, id: string): SQL {
  return isUuid(id) ? eq(column, id) : sql`false`;
}
