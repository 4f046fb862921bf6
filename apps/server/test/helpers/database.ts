import pg from 'pg';
import { randomBytes } from 'node:crypto';
import type { DatabaseOptions } from '../../src/db/client.ts';

/**
 * Where the tests keep their data. With TEST_DATABASE_URL set (CI does), each test file gets a
 * fresh database on that PostgreSQL server; otherwise each gets an in-memory embedded one.
 * An unreachable server is an error, never a reason to skip.
 */
export const serverUrl = process.env.TEST_DATABASE_URL || undefined;

export interface TestDatabase {
  options: DatabaseOptions;
  drop(): Promise<void>;
}

export async function createTestDatabase(): Promise<TestDatabase> {
  if (!serverUrl) return { options: { memory: true }, drop: async () => {} };
  const name = `ca_test_${Date.now().toString(36)}_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  try {
    await admin.connect();
  } catch (err) {
    throw new Error(`TEST_DATABASE_URL is set but PostgreSQL at ${serverUrl} is unreachable: ${(err as Error).message}`);
  }
  await admin.query(`create database ${name} template template0 encoding 'UTF8' lc_collate 'C.UTF-8' lc_ctype 'C.UTF-8'`);
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
