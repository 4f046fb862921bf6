import { readRows, type Db, type Executor } from '../db/client.ts';

const DATA_VERSION = 'select version::text as version from data_versions where user_id = $1';

/** The user's data version (see `dataVersions`), or null for an account that is gone. */
async function findDataVersion(db: Db, userId: string): Promise<string | null> {
  const [row] = await readRows<{ version: string }>(db, DATA_VERSION, [userId]);
  return row?.version ?? null;
}

/** The acting user's data version, moved by the database as each of their writes commits. */
export function dataVersionsRepository(db: Executor, userId: string) {
  return {
    // Read on every cached GET: a prepared statement of its own, never inside a transaction.
    find: () => findDataVersion(db as Db, userId),
  };
}
