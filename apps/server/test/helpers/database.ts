import pg from 'pg';
import { randomBytes } from 'node:crypto';
import { openAsBlob } from 'node:fs';
import { inject } from 'vitest';
import type { DatabaseOptions } from '../../src/db/client.ts';

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

let image: Promise<Blob> | undefined;

export async function createTestDatabase(): Promise<TestDatabase> {
  const template = inject(TEMPLATE_KEY);
  if (!serverUrl) {
    if (!('image' in template)) throw new Error('the test run has no embedded database image');
    image ??= openAsBlob(template.image);
    return { options: { memory: true, image: await image }, drop: async () => {} };
  }
  if (!('database' in template)) throw new Error('the test run has no template database');
  const name = `ca_test_${Date.now().toString(36)}_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  try {
    await admin.connect();
  } catch (err) {
    throw new Error(`TEST_DATABASE_URL is set but PostgreSQL at ${serverUrl} is unreachable: ${(err as Error).message}`);
  }
  await admin.query(`create database ${name} template ${template.database}`);
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
