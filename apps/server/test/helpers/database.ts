import pg from 'pg';
import { randomBytes } from 'node:crypto';
import { openAsBlob } from 'node:fs';
import { inject } from 'vitest';
import { openDatabase, type DatabaseOptions } from '../../src/db/client.ts';

/**
 * Where the tests keep their data. With TEST_DATABASE_URL set (CI does), each test file gets a
 * fresh database on that PostgreSQL server; otherwise each gets an in-memory embedded one. Both
 * start as a copy of one database migrated before the run (global-setup.ts).
 * An unreachable server is an error, never a reason to skip.
 */
export const serverUrl = process.env.TEST_DATABASE_URL || undefined;

/** The key under which global-setup.ts hands the migrated template to the test files. */
export const TEMPLATE_KEY = 'migratedTemplate';

export interface TestDatabase {
  options: DatabaseOptions;
  drop(): Promise<void>;
}

/**
 * What each embedded test database starts with: less shared memory than the 128 MB default,
 * which PostgreSQL sets up at every start (half of a start's time; the test databases are small).
 */
export const EMBEDDED_SETTINGS = { shared_buffers: '8MB' };

let image: Promise<Blob> | undefined;

/** The migrated embedded database, as a data-folder dump. */
function migratedImage(): Promise<Blob> {
  const template = inject(TEMPLATE_KEY);
  if ('fresh' in template) throw new Error('a fresh run has no embedded database image');
  return (image ??= openAsBlob(template.image));
}

/**
 * A new embedded data folder at `path` holding the migrated database, for a test that opens a
 * folder itself or hands one to a server process (`DATA_DIR/db`): it starts without migrating.
 */
export async function migratedDataFolder(path: string): Promise<string> {
  if ('fresh' in inject(TEMPLATE_KEY)) return path;
  const database = await openDatabase({ dataDir: path, image: await migratedImage(), settings: EMBEDDED_SETTINGS });
  await database.close();
  return path;
}

/** A migrated data folder at `path` for an app in this process to open (and open again). */
export async function migratedFolderDatabase(path: string): Promise<DatabaseOptions> {
  return { dataDir: await migratedDataFolder(path), settings: EMBEDDED_SETTINGS };
}

export async function createTestDatabase(): Promise<TestDatabase> {
  const template = inject(TEMPLATE_KEY);
  const fresh = 'fresh' in template;
  if (!serverUrl) {
    const image = fresh ? undefined : await migratedImage();
    return { options: { memory: true, image, settings: EMBEDDED_SETTINGS }, drop: async () => {} };
  }
  const copied = fresh ? undefined : template.database;
  if (!fresh && !copied) throw new Error('the test run has no template database');
  const name = `ca_test_${Date.now().toString(36)}_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  try {
    await admin.connect();
  } catch (err) {
    throw new Error(`TEST_DATABASE_URL is set but PostgreSQL at ${serverUrl} is unreachable: ${(err as Error).message}`);
  }
  await admin.query(
    copied
      ? `create database ${name} template ${copied}`
      : `create database ${name} template template0 encoding 'UTF8' lc_collate 'C.UTF-8' lc_ctype 'C.UTF-8'`,
  );
  await admin.end();
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return {
    options: { url: url.href },
    async drop() {
      const client = new pg.Client({ connectionString: serverUrl });
      await client.connect();
      await client.query(`drop database if exists ${name} with (force)`);
      await client.end();
    },
  };
}
