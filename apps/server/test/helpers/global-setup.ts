import { randomBytes } from 'node:crypto';
import { rmSync, writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { openDatabase } from '../../src/db/client.ts';
import { serverUrl, TEMPLATE_KEY } from './database.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    [TEMPLATE_KEY]: { image: string; database: string | undefined } | { fresh: true };
  }
}

/**
 * Migrates before any test file runs, for every file to start from a copy instead of migrating
 * from nothing (which cost each file seconds): an image of the embedded data folder, which each
 * in-memory database and each data folder a test makes loads, and on a PostgreSQL run also a
 * template database (`CREATE DATABASE … TEMPLATE`) for each file's database.
 */
export default async function setup(project: TestProject) {
  // TEST_FRESH_DATABASES=1 migrates every database from nothing, as the suite once did: to
  // measure what the copies save (README, Tests).
  if (process.env.TEST_FRESH_DATABASES) return project.provide(TEMPLATE_KEY, { fresh: true });
  const folder = mkdtempSync(join(tmpdir(), 'ca-test-image-'));
  const [image, server] = await Promise.all([embeddedImage(folder), serverUrl ? serverTemplate(serverUrl) : undefined]);
  project.provide(TEMPLATE_KEY, { image, database: server?.name });
  return async () => {
    rmSync(folder, { recursive: true, force: true });
    await server?.drop();
  };
}

/** The migrated embedded database, dumped to a file in `folder`. */
async function embeddedImage(folder: string): Promise<string> {
  const database = await openDatabase({ memory: true });
  if (database.driver.kind !== 'pglite') throw new Error('expected the embedded database');
  // The app uses only its own database: without the two template databases the image is a third
  // smaller, and every copy of it loads that much faster.
  for (const template of ['template0', 'template1']) {
    await database.driver.client.exec(`update pg_database set datistemplate = false where datname = '${template}'`);
    await database.driver.client.exec(`drop database ${template}`);
  }
  const image = join(folder, 'image.tar');
  writeFileSync(image, Buffer.from(await (await database.driver.client.dumpDataDir('none')).arrayBuffer()));
  await database.close();
  return image;
}

/** A migrated database on the server for the files' databases to copy. */
async function serverTemplate(url: string) {
  const name = `ca_template_${Date.now().toString(36)}_${randomBytes(3).toString('hex')}`;
  const admin = new pg.Client({ connectionString: url });
  try {
    await admin.connect();
  } catch (err) {
    throw new Error(`TEST_DATABASE_URL is set but PostgreSQL at ${url} is unreachable: ${(err as Error).message}`);
  }
  await admin.query(`create database ${name} template template0 encoding 'UTF8' lc_collate 'C.UTF-8' lc_ctype 'C.UTF-8'`);
  const target = new URL(url);
  target.pathname = `/${name}`;
  const database = await openDatabase({ url: target.href });
  await database.db.execute('analyze');
  await database.close();
  return {
    name,
    async drop() {
      await admin.query(`drop database if exists ${name} with (force)`);
      await admin.end();
    },
  };
}
