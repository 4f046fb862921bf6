import { createHash } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { unaccent } from '@electric-sql/pglite/contrib/unaccent';
import type { SQL } from 'drizzle-orm';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import { migrate as migratePg } from 'drizzle-orm/node-postgres/migrator';
import pg from 'pg';
import * as schema from './schema/index.ts';

export type Db = PgDatabase<PgQueryResultHKT, typeof schema>;
export type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];
/** Anything a query can run on: the database or an open transaction. */
export type Executor = Db | Tx;

/** Runs raw SQL and returns its rows; both drivers answer with `{rows}`. */
export async function queryRows<T>(db: Executor, query: SQL): Promise<T[]> {
  const result = (await db.execute(query)) as unknown as { rows: T[] };
  return result.rows;
}

export interface Database {
  readonly kind: 'pglite' | 'postgres';
  readonly db: Db;
  /** The raw driver, for the job queue's adapter. */
  readonly driver: { kind: 'pglite'; client: PGlite } | { kind: 'postgres'; pool: pg.Pool; url: string };
  /** Vacuums and refreshes planner statistics where nothing else does (the embedded database has no autovacuum). */
  refreshStatistics(): Promise<void>;
  /**
   * Follows notifications on `channel` sent by other processes (NOTIFY, on commit): `listening`
   * once they are heard, `lost` when some may have gone unheard (the connection dropped; it
   * reconnects every second and says `listening` again). Ends with `close`. The embedded database
   * belongs to one process, so there it says `listening` and nothing more.
   */
  listen(channel: string, handlers: NotificationHandlers): void;
  close(): Promise<void>;
}

export interface NotificationHandlers {
  message(payload: string): void;
  listening(): void;
  lost(): void;
}

const MIGRATIONS = fileURLToPath(new URL('./migrations', import.meta.url));
/** Any 64-bit number unique to this app: serialises migrations across processes. */
const MIGRATION_LOCK = 724_310_551;

// Dates stay 'YYYY-MM-DD' strings (OID 1082) instead of becoming local-midnight Date objects.
pg.types.setTypeParser(1082, (value) => value);

/**
 * Where the data lives: a PostgreSQL server, an embedded data folder, or embedded in memory. An
 * embedded database that is new can start from `image`, a dump of a data folder (the tests start
 * from one migrated copy).
 */
export type DatabaseOptions = { url: string } | EmbeddedOptions;

type EmbeddedOptions = ({ dataDir: string } | { memory: true }) & {
  image?: Blob;
  /**
   * Server settings for this start (`-c name=value`). The tests start a hundred small databases
   * and give each less shared memory, which PostgreSQL zeroes at every start.
   */
  settings?: Record<string, string>;
};

export async function openDatabase(options: DatabaseOptions): Promise<Database> {
  if ('url' in options) return openPostgres(options.url);
  let client: PGlite;
  const settings = Object.entries(options.settings ?? {}).flatMap(([name, value]) => ['-c', `${name}=${value}`]);
  const pgliteOptions = {
    extensions: { pg_trgm, unaccent },
    loadDataDir: options.image,
    ...(settings.length ? { startParams: [...PGlite.defaultStartParams, ...settings] } : {}),
  };
  if ('dataDir' in options) {
    mkdirSync(options.dataDir, { recursive: true, mode: 0o700 });
    client = new PGlite(options.dataDir, pgliteOptions);
  } else {
    client = new PGlite(pgliteOptions);
  }
  await client.waitReady;
  const db = drizzlePglite(client, { schema, casing: 'snake_case' }) as unknown as Db;
  await migratePglite(drizzlePglite(client), { migrationsFolder: MIGRATIONS });
  // Without statistics the planner guesses, and on a large account it guesses badly.
  await client.exec('analyze');
  return {
    kind: 'pglite',
    db,
    driver: { kind: 'pglite', client },
    async refreshStatistics() {
      // Vacuum too: nothing else clears dead rows here or marks pages all-visible, which is what
      // lets counts read an index alone.
      await client.exec('vacuum analyze');
    },
    listen(_channel, handlers) {
      handlers.listening();
    },
    async close() {
      if (!client.closed) await client.close();
    },
  };
}

const PREPARABLE = /^\s*(select|insert|update|delete|with)\b/i;
/** Statement names by text: hashing a long text on every call showed in profiles. */
const statementNames = new Map<string, string>();
const MAX_NAMES = 5000;

function statementName(text: string): string {
  let name = statementNames.get(text);
  if (name === undefined) {
    name = `ca_${createHash('sha1').update(text).digest('base64url').slice(0, 20)}`;
    // Texts come in a few hundred shapes; a cap keeps unusual ones from growing the map for ever.
    if (statementNames.size < MAX_NAMES) statementNames.set(text, name);
  }
  return name;
}

/**
 * A connection that prepares each distinct statement once and reuses its plan: the app's queries
 * come in a few hundred shapes, and planning them on every request cost as much as running them.
 */
class PreparingClient extends pg.Client {
  override query(config: any, values?: any, callback?: any): any {
    const text = typeof config === 'string' ? config : config?.text;
    if (typeof text === 'string' && !config?.name && config?.prepare !== false && PREPARABLE.test(text)) {
      const name = statementName(text);
      config = typeof config === 'string' ? { text, name } : { ...config, name };
    }
    return super.query(config, values, callback);
  }
}

/**
 * Runs a statement whose text is built once (the hot read paths), skipping Drizzle's query
 * builder and row mapping, which profiles showed cost more than the queries themselves. Rows
 * come as the driver parses them, so these statements return only json, text, booleans and
 * numbers, which both drivers parse alike. Not for use inside a transaction.
 *
 * `prepare: false` plans the statement for its values every time instead of reusing a plan:
 * for statements whose best plan depends on the values (a two-character search cannot use a
 * trigram index; a generic plan would scan the whole index and recheck every row).
 */
export async function readRows<T>(db: Db, text: string, params: unknown[], options: { prepare?: boolean } = {}): Promise<T[]> {
  type Queryable = {
    query(config: string | { text: string; values: unknown[]; prepare: false }, params?: unknown[]): Promise<{ rows: T[] }>;
  };
  const client = (db as unknown as { $client: Queryable }).$client;
  const result =
    options.prepare === false && (client as object) instanceof pg.Pool
      ? await client.query({ text, values: params, prepare: false })
      : await client.query(text, params);
  return result.rows;
}

async function openPostgres(url: string): Promise<Database> {
  const pool = new pg.Pool({ connectionString: url, max: 10, application_name: 'career-anchor', Client: PreparingClient });
  // A dropped idle connection must not crash the process; the pool replaces it.
  pool.on('error', () => {});
  const lockClient = await pool.connect();
  try {
    await lockClient.query('select pg_advisory_lock($1)', [MIGRATION_LOCK]);
    await migratePg(drizzlePg(lockClient), { migrationsFolder: MIGRATIONS });
  } finally {
    await lockClient.query('select pg_advisory_unlock($1)', [MIGRATION_LOCK]).catch(() => {});
    lockClient.release();
  }
  const db = drizzlePg(pool, { schema, casing: 'snake_case' }) as unknown as Db;
  const listeners: (() => Promise<void>)[] = [];
  return {
    kind: 'postgres',
    db,
    driver: { kind: 'postgres', pool, url },
    async refreshStatistics() {
      // The server's autovacuum keeps statistics fresh.
    },
    listen(channel, handlers) {
      listeners.push(listenPostgres(url, channel, handlers));
    },
    async close() {
      await Promise.all(listeners.map((stop) => stop()));
      await pool.end();
    },
  };
}

const CHANNEL = /^[a-z_][a-z0-9_]*$/;
const RELISTEN_MS = 1000;

/** A connection of its own (a pooled one would be handed to queries), LISTENing on `channel`. */
function listenPostgres(url: string, channel: string, handlers: NotificationHandlers): () => Promise<void> {
  if (!CHANNEL.test(channel)) throw new Error(`not a channel name: ${channel}`);
  let current: pg.Client | undefined;
  let stopped = false;
  let retry: NodeJS.Timeout | undefined;

  const again = () => {
    if (stopped) return;
    retry = setTimeout(() => void connect(), RELISTEN_MS);
    retry.unref();
  };

  async function connect() {
    const client = new pg.Client({ connectionString: url, application_name: 'career-anchor-listen' });
    // A dropped connection errors and then ends; 'end' is where it is dealt with.
    client.on('error', () => {});
    client.on('notification', (note) => {
      if (note.channel === channel) handlers.message(note.payload ?? '');
    });
    client.on('end', () => {
      if (current !== client) return;
      current = undefined;
      handlers.lost();
      again();
    });
    try {
      await client.connect();
      await client.query(`listen ${channel}`);
    } catch {
      await client.end().catch(() => {});
      handlers.lost();
      return again();
    }
    if (stopped) return void (await client.end().catch(() => {}));
    current = client;
    handlers.listening();
  }

  void connect();
  return async () => {
    stopped = true;
    clearTimeout(retry);
    const client = current;
    current = undefined;
    await client?.end().catch(() => {});
  };
}
