import { sql } from 'drizzle-orm';
import type { Executor } from '../db/client.ts';

/** The database itself, for readiness checks. */
export function healthRepository(db: Executor) {
  return {
    /** Resolves when the database answers a query. */
    async ping(): Promise<void> {
      await db.execute(sql`select 1`);
    },
  };
}
